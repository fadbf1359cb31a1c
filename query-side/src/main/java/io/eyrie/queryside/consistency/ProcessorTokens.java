package io.eyrie.queryside.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processors' tokens as the shared token store has them, whichever instance owns each segment: where each
 * segment is, and who holds its claim.
 */
@Component
public class ProcessorTokens {
    /** Axon's JDBC token store treats a claim not extended for this long as abandoned. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Serializer serializer;

    public ProcessorTokens(DataSource dataSource, Serializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
    }

    /** One segment's row. {@code token} is null for a segment that has not handled anything yet. */
    public record Segment(int segment, TrackingToken token, String owner, Instant touchedAt) {

        /** The lowest position the token has certainly passed, or -1. */
        public long position() {
            TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
            return lower == null ? -1 : lower.position().orElse(-1);
        }

        /** Held by a live instance: claimed, and the claim recently extended. */
        public boolean claimed(Instant now) {
            return owner != null && touchedAt != null && touchedAt.plus(CLAIM_TIMEOUT).isAfter(now);
        }
    }

    /** The position every one of {@code segments} has passed, or -1 when there are none. */
    public static long lowestPosition(List<Segment> segments) {
        return segments.stream().mapToLong(Segment::position).min().orElse(-1);
    }

    public Map<String, List<Segment>> read(Collection<String> processors) throws SQLException {
        Map<String, List<Segment>> tokens = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT processorName, segment, token, "
                     + "tokenType, owner, timestamp FROM TokenEntry WHERE processorName = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", processors.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byte[] token = rows.getBytes(3);
                    String type = rows.getString(4);
                    String touched = rows.getString(6);
                    tokens.computeIfAbsent(rows.getString(1), processor -> new ArrayList<>()).add(new Segment(
                            rows.getInt(2),
                            token == null ? null : serializer.deserialize(
                                    new SimpleSerializedObject<>(token, byte[].class, type, null)),
                            rows.getString(5), touched == null ? null : Instant.parse(touched)));
                }
            }
        }
        return tokens;
    }

    /** Forgets a processor's position, so that it starts from the first event. Only while no instance runs it. */
    public void delete(String processor) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM TokenEntry WHERE processorName = ?")) {
            statement.setString(1, processor);
            statement.executeUpdate();
        }
    }
}
