package io.eyrie.platform.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.io.IOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a poison event from a failure that will pass. An event its handler refuses is dead-lettered, with the
 * cause, and the processor goes on; events of the same aggregate that follow it are queued behind it, so their
 * order holds. A store that is down, a lock or a conflict is not the event's fault: it is thrown on, so the
 * processor stops that segment and tries again with back-off, and nothing is dead-lettered that would pass.
 */
final class PoisonPolicy implements EnqueuePolicy<EventMessage<?>> {
    /** By name, so that the platform needs no MongoDB driver; subclasses count too. */
    private static final Set<String> PASSING = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.axonframework.common.AxonTransientException",
            "org.axonframework.modelling.command.ConcurrencyException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException");
    private static final int MAX_CAUSE = 1024;

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (passes(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause, MAX_CAUSE));
    }

    static boolean passes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // An event that cannot be read never will be, though Jackson's errors are IOExceptions.
            if (cause instanceof org.axonframework.common.AxonNonTransientException
                    || cause.getClass().getName().startsWith("com.fasterxml.jackson.")) {
                return false;
            }
            if (cause instanceof IOException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (PASSING.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
