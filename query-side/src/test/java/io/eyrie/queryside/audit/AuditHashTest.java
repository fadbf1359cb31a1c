package io.eyrie.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditHashTest {
    private static final AuditHash.StoredEvent EVENT = new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3,
            "Deployment", "2026-12-02T05:00:00.123Z", "io.eyrie.api.deployment.ActionStarted", null,
            bytes("{\"action\":\"deploy\"}"), bytes("{\"initiator\":\"bob\"}"));

    @Test
    void everyStoredColumnAndThePreviousLinkGoIntoTheHash() {
        String hash = AuditHash.of(AuditHash.GENESIS, EVENT);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(AuditHash.of(AuditHash.GENESIS, EVENT));
        List<AuditHash.StoredEvent> changed = List.of(
                new AuditHash.StoredEvent(43, "e-1", "deployment:d", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-2", "deployment:d", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:x", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 4, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3, "Deployment", "2026-12-02T05:00:00.124Z", EVENT.payloadType(), null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3, "Deployment", EVENT.timeStamp(), "io.eyrie.api.deployment.ActionFailed", null, EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), "2", EVENT.payload(), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, bytes("{\"action\":\"drop\"}"), EVENT.metaData()),
                new AuditHash.StoredEvent(42, "e-1", "deployment:d", 3, "Deployment", EVENT.timeStamp(), EVENT.payloadType(), null, EVENT.payload(), bytes("{\"initiator\":\"eve\"}")));
        for (AuditHash.StoredEvent other : changed) {
            assertThat(AuditHash.of(AuditHash.GENESIS, other)).as(other.toString()).isNotEqualTo(hash);
        }
        assertThat(AuditHash.of(hash, EVENT)).as("the link before counts").isNotEqualTo(hash);
    }

    @Test
    void fieldsRunningTogetherDoNotCollide() {
        var a = new AuditHash.StoredEvent(1, "ab", "c", 1, "t", "x", "p", null, bytes("{}"), bytes("{}"));
        var b = new AuditHash.StoredEvent(1, "a", "bc", 1, "t", "x", "p", null, bytes("{}"), bytes("{}"));
        assertThat(AuditHash.of(AuditHash.GENESIS, a)).isNotEqualTo(AuditHash.of(AuditHash.GENESIS, b));
    }

    @Test
    void whatLooksLikeASecretValueIsMaskedAndReferencesStay() throws Exception {
        JsonNode payload = new ObjectMapper().readTree("""
                {"name":"shop","password":"hunter2","services":[{"env":[{"name":"API","secretRef":"secret://shop/k",
                "apiKey":"abc"}]}],"credentialsRef":"kubeconfig:/x","token":null}""");
        JsonNode shown = AuditLog.redacted(payload);
        assertThat(shown.get("password").asText()).isEqualTo("[redacted]");
        assertThat(shown.at("/services/0/env/0/apiKey").asText()).isEqualTo("[redacted]");
        assertThat(shown.at("/services/0/env/0/secretRef").asText()).isEqualTo("secret://shop/k");
        assertThat(shown.get("credentialsRef").asText()).isEqualTo("kubeconfig:/x");
        assertThat(shown.get("name").asText()).isEqualTo("shop");
        assertThat(shown.get("token").isNull()).isTrue();
        JsonNode more = AuditLog.redacted(new ObjectMapper().readTree("""
                {"db_password":"x","passwordHash":"y","secrets":{"a":"b"},"api-key":"z","tokenRef":"secret://t"}"""));
        assertThat(more.get("db_password").asText()).isEqualTo("[redacted]");
        assertThat(more.get("passwordHash").asText()).isEqualTo("[redacted]");
        assertThat(more.get("secrets").asText()).as("the whole subtree").isEqualTo("[redacted]");
        assertThat(more.get("api-key").asText()).isEqualTo("[redacted]");
        assertThat(more.get("tokenRef").asText()).isEqualTo("secret://t");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
