package io.eyrie.commandside.deployment;

import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.project.GroupRuleException;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * Which failures of an action are the domain saying no (the table, the queue's bound, missing config, bad input,
 * a Book that cannot run), as against the infrastructure failing. A coordinator or the deployment itself records a
 * refusal as an outcome; anything else is thrown on, to be retried.
 */
public final class Refusals {
    private Refusals() {
    }

    /** {@code failure}, or the cause a command gateway wrapped it in. */
    public static boolean isRefusal(Throwable failure) {
        Throwable cause = failure instanceof CommandExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ActionRefusedException || cause instanceof QueueFullException
                || cause instanceof ConfigIncompleteException || cause instanceof InvalidInputException
                || cause instanceof GroupRuleException;
    }

    /** The refusal's own message, unwrapped. */
    public static String message(Throwable failure) {
        return failure instanceof CommandExecutionException && failure.getCause() != null
                ? failure.getCause().getMessage() : failure.getMessage();
    }
}
