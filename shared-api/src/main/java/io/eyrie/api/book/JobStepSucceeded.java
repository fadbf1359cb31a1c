package io.eyrie.api.book;

/**
 * The step succeeded after {@code millis} from its start; {@code book} names the job's Book, whose later jobs
 * estimate this step from its past runs.
 */
public record JobStepSucceeded(JobId jobId, int index, String step, String detail, String book, long millis) {
}
