package io.eyrie.commandside.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The recorded keys and their answers. A key is remembered for a day; after that it may be used again. */
@Component
class IdempotencyStore {
    static final Duration REMEMBERED = Duration.ofHours(24);

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    /** {@code status} null: the command committed, its answer is not recorded (yet). */
    record Recorded(String fingerprint, Integer status, String contentType, byte[] body) {
    }

    Optional<Recorded> find(String caller, String key) {
        return jdbc.sql("SELECT fingerprint, status, content_type, body FROM idempotency_keys "
                        + "WHERE caller = :caller AND key = :key AND created_at > :since")
                .param("caller", caller).param("key", key).param("since", since())
                .query((row, n) -> new Recorded(row.getString("fingerprint"), (Integer) row.getObject("status"),
                        row.getString("content_type"), row.getBytes("body")))
                .optional();
    }

    /** In the command's transaction: a second request with the key fails here, and its command rolls back. */
    void record(String caller, String key, String fingerprint) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE caller = :caller AND key = :key AND created_at <= :since")
                .param("caller", caller).param("key", key).param("since", since()).update();
        jdbc.sql("INSERT INTO idempotency_keys (caller, key, fingerprint, created_at) "
                        + "VALUES (:caller, :key, :fingerprint, :now)")
                .param("caller", caller).param("key", key).param("fingerprint", fingerprint)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** The answer, once it is known; only for a key whose command committed. */
    void answer(String caller, String key, int status, String contentType, byte[] body) {
        jdbc.sql("UPDATE idempotency_keys SET status = :status, content_type = :type, body = :body "
                        + "WHERE caller = :caller AND key = :key")
                .param("caller", caller).param("key", key).param("status", status).param("type", contentType)
                .param("body", body).update();
    }

    private static OffsetDateTime since() {
        return Instant.now().minus(REMEMBERED).atOffset(ZoneOffset.UTC);
    }
}
