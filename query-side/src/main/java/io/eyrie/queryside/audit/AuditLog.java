package io.eyrie.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.audit.AuditEntry;
import io.eyrie.api.audit.AuditVerification;
import io.eyrie.api.query.Page;
import io.eyrie.api.query.PageRequest;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads the audit trail straight from the event store, through the chain's links (which say which project and
 * deployment each event belongs to), and recomputes a project's chain from the stored events.
 */
@Component
public class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events hold references, never secret values; a field that looks like one is masked all the same. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|passwd|secret|token|privatekey|apikey|credential).*");
    /** A reference names where a secret is kept ({@code secretRef}, {@code credentialsRef}): that is shown. */
    private static final Pattern REFERENCE = Pattern.compile("(?i).*ref");

    private final JdbcTemplate jdbc;
    private final StreamedQueries streamed;

    AuditLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streamed = new StreamedQueries(dataSource);
    }

    /** Oldest first, from the given project's chain; optionally one deployment's events, within [from, to). */
    public Page<AuditEntry> page(String project, String deployment, Instant from, Instant to, PageRequest page) {
        StringBuilder where = new StringBuilder(project != null ? "c.project = ?" : "c.deployment = ?");
        List<Object> arguments = new ArrayList<>(List.of(project != null ? project : deployment));
        if (project != null && deployment != null) {
            where.append(" AND c.deployment = ?");
            arguments.add(deployment);
        }
        if (from != null) {
            where.append(" AND CAST(e.timeStamp AS timestamptz) >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND CAST(e.timeStamp AS timestamptz) < ?");
            arguments.add(Timestamp.from(to));
        }
        String filtered = " FROM audit_chain c JOIN DomainEventEntry e ON e.globalIndex = c.global_index WHERE " + where;
        long total = jdbc.queryForObject("SELECT COUNT(*)" + filtered, Long.class, arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        String after = "";
        if (page.after() != null) {
            after = " AND c.global_index > ?";
            paged.add(position(page.after()));
        }
        paged.add(page.limit() + 1);
        List<AuditEntry> found = jdbc.query("SELECT c.hash, " + StoredEvents.COLUMNS + filtered + after
                + " ORDER BY c.global_index LIMIT ?", (rs, row) -> entry(StoredEvents.ROW.mapRow(rs, row),
                rs.getString("hash")), paged.toArray());
        return Cursors.page(found, page.limit(), entry -> entry, AuditEntry::position, total);
    }

    /**
     * Walks the project's chain link by link, recomputing each hash from the event as stored now; then looks for
     * events of the project that the chain skipped. The first problem is named.
     */
    public AuditVerification verify(String project) {
        return verify(project, 0, AuditHash.GENESIS);
    }

    /**
     * The links after {@code anchor}, whose hash must still be {@code head}: what an earlier verify answered, so a
     * project's history is checked once and then only as it grows. Link 0 is the genesis.
     */
    public AuditVerification verify(String project, long anchor, String head) {
        // One pass over the links with their events, in link order: a missing event comes back as nulls.
        AuditVerification walked = streamed.run(jdbc -> jdbc.query("SELECT c.global_index, c.link, c.hash, "
                + StoredEvents.COLUMNS
                + " FROM audit_chain c LEFT JOIN DomainEventEntry e ON e.globalIndex = c.global_index"
                + " WHERE c.project = ? AND c.link >= ? ORDER BY c.link", rows -> {
            String previous = head;
            long expected = anchor + 1;
            long checked = 0;
            if (anchor > 0) {
                if (!rows.next() || rows.getLong("link") != anchor) {
                    return broken(0, 0, anchor, "the anchor, link " + anchor + ", is missing from the chain", head,
                            anchor);
                }
                if (!head.equals(rows.getString("hash"))) {
                    return broken(0, rows.getLong("global_index"), anchor, "the anchor's hash is no longer the head "
                            + "kept: the chain up to it was rewritten", head, anchor);
                }
            }
            while (rows.next()) {
                long index = rows.getLong("global_index");
                long number = rows.getLong("link");
                if (number != expected) {
                    return broken(checked, index, expected, "link " + expected + " is missing from the chain", previous,
                            expected - 1);
                }
                AuditHash.StoredEvent stored = StoredEvents.ROW.mapRow(rows, rows.getRow());
                if (stored == null) {
                    return broken(checked, index, number, "the event is no longer in the event store", previous,
                            expected - 1);
                }
                String hash = AuditHash.of(previous, stored);
                if (!hash.equals(rows.getString("hash"))) {
                    return broken(checked, index, number, "the stored event no longer gives its link's hash: it was "
                            + "changed after it was chained", previous, expected - 1);
                }
                previous = hash;
                expected++;
                checked++;
            }
            return new AuditVerification(true, checked, null, previous, expected - 1);
        }, project, anchor));
        if (walked == null || !walked.ok()) {
            return walked;
        }
        List<Long> skipped = jdbc.queryForList("SELECT e.globalIndex FROM DomainEventEntry e "
                + "JOIN audit_scopes s ON s.aggregate_id = e.aggregateIdentifier "
                + "LEFT JOIN audit_chain c ON c.global_index = e.globalIndex "
                + "WHERE s.project = ? AND c.global_index IS NULL "
                + "AND e.globalIndex <= (SELECT COALESCE(MAX(global_index), -1) FROM audit_chain) "
                + "ORDER BY e.globalIndex LIMIT 1", Long.class, project);
        if (!skipped.isEmpty()) {
            return broken(walked.checked(), skipped.getFirst(), 0, "an event of the project is in no link: it was "
                    + "added after the fact, or committed after the chain's processor had given up waiting for it",
                    walked.head(), walked.headLink());
        }
        return walked;
    }

    private static AuditVerification broken(long checked, long index, long link, String reason, String head,
                                            long headLink) {
        return new AuditVerification(false, checked,
                new AuditVerification.BrokenLink(Long.toString(index), link, reason), head, headLink);
    }

    private static AuditEntry entry(AuditHash.StoredEvent event, String hash) {
        JsonNode metaData = json(event.metaData());
        return new AuditEntry(Long.toString(event.globalIndex()), event.payloadType(),
                Instant.parse(event.timeStamp()), text(metaData, AuditMetaData.INITIATOR),
                text(metaData, AuditMetaData.CORRELATION_ID), text(metaData, AuditMetaData.CAUSATION_ID),
                event.aggregateIdentifier(), plain(redacted(json(event.payload()))), hash);
    }

    /**
     * Maps and lists, not a Jackson 2 tree: the web layer writes with Jackson 3, which would write a tree's bean
     * properties ({@code "array": false, ...}) instead of the event's fields.
     */
    private static Object plain(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode("(not JSON: " + bytes.length + " bytes)");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String plain = name.replace("_", "").replace("-", "");
                if (SECRET.matcher(plain).matches() && !REFERENCE.matcher(plain).matches()
                        && !object.get(name).isNull()) {
                    object.put(name, "[redacted]");
                } else {
                    redacted(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditLog::redacted);
        }
        return node;
    }

    private static long position(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this API gave out");
        }
    }
}
