package io.eyrie.commandside.position;

import io.eyrie.platform.web.UnavailableException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where in the event store a request's command left its events: the global index of the last one, which the query
 * side's processors pass once their read models show the command. All of a command's events commit in one
 * transaction, so a processor that has seen the last one has seen them all.
 * <p>
 * The events' identifiers are collected as they are published in the command's unit of work; once it has committed,
 * their index is one look-up of a unique key. Only commands that {@link #expect} named are followed.
 */
@Component
public class CommandPositions {
    private static final String APPENDED = CommandPositions.class.getName() + ".appended";
    private static final List<String> NONE = List.of();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CommandPositions.class);

    private final DataSource dataSource;
    /** Expected commands, by message identifier: empty until committed, then the identifiers of their events. */
    private final Map<String, List<String>> expected = new ConcurrentHashMap<>();

    public CommandPositions(DataSource dataSource, CommandBus commandBus, EventBus eventBus) {
        this.dataSource = dataSource;
        eventBus.registerDispatchInterceptor(messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                List<String> appended = CurrentUnitOfWork.get().root().getOrComputeResource(APPENDED, key -> new ArrayList<>());
                messages.forEach(message -> appended.add(message.getIdentifier()));
            }
            return (index, message) -> message;
        });
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getIdentifier();
            if (expected.containsKey(command)) {
                unitOfWork.afterCommit(committed -> expected.put(command,
                        List.copyOf(committed.root().<List<String>>getOrDefaultResource(APPENDED, NONE))));
            }
            return chain.proceed();
        });
    }

    /** Follow this command; {@link #positionOf} or {@link #forget} must come after it. */
    public void expect(String commandId) {
        expected.put(commandId, NONE);
    }

    public void forget(String commandId) {
        expected.remove(commandId);
    }

    /**
     * The global index of the command's last event; for a command that changed nothing, the store's newest event,
     * which is at least as far as anything the command read. Empty, and logged as an error, when it cannot be read:
     * the command has committed, and its answer must say so rather than fail.
     */
    public java.util.OptionalLong positionOf(String commandId) {
        try {
            return java.util.OptionalLong.of(lookUp(expected.remove(commandId)));
        } catch (UnavailableException e) {
            log.error("Command {} committed, but its position could not be read; its answer goes without one",
                    commandId, e);
            return java.util.OptionalLong.empty();
        }
    }

    private long lookUp(List<String> events) {
        try (Connection connection = dataSource.getConnection()) {
            if (events == null || events.isEmpty()) {
                return head(connection);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MAX(globalIndex) FROM DomainEventEntry WHERE eventIdentifier = ANY(?)")) {
                Array identifiers = connection.createArrayOf("varchar", events.toArray());
                statement.setArray(1, identifiers);
                try (ResultSet found = statement.executeQuery()) {
                    found.next();
                    long position = found.getLong(1);
                    return found.wasNull() ? head(connection) : position;
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("The command was carried out, but where its events are in the event store "
                    + "could not be read", e);
        }
    }

    /** The store's newest event: the position of an answer whose request sent no command. */
    public long head() {
        try (Connection connection = dataSource.getConnection()) {
            return head(connection);
        } catch (SQLException e) {
            throw new UnavailableException("The event store's newest position could not be read", e);
        }
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry");
             ResultSet found = statement.executeQuery()) {
            found.next();
            return found.getLong(1);
        }
    }
}
