package io.eyrie.bookrunner.driver;

/** A pod's CPU and memory use, each as a percentage of its containers' limits (their requests where none is set). */
public record PodUsage(String pod, int cpuPercent, int memoryPercent) {
}
