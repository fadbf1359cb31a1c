package io.eyrie.job;

/** A step report out of order: a runner's defect, never a normal race. */
public class JobStepRefusedException extends RuntimeException {
    public JobStepRefusedException(String message) {
        super(message);
    }
}
