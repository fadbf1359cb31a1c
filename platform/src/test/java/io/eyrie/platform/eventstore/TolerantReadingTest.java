package io.eyrie.platform.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.api.deployment.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TolerantReadingTest {
    record Stored(String name, Action action) {
    }

    private final ObjectMapper strict = new ObjectMapper();
    private final ObjectMapper tolerant = (ObjectMapper) TolerantReading.forStoredMessages()
            .postProcessAfterInitialization(new ObjectMapper(), "defaultAxonObjectMapper");

    @Test
    void anEnumValueThisVersionDoesNotKnowIsReadAsNone() throws Exception {
        String newer = "{\"name\":\"shop\",\"action\":\"hibernate\"}";

        assertThatThrownBy(() -> strict.readValue(newer, Stored.class)).hasMessageContaining("unknown action: hibernate");
        assertThat(tolerant.readValue(newer, Stored.class)).isEqualTo(new Stored("shop", null));
        assertThat(tolerant.readValue("{\"name\":\"shop\",\"action\":\"deploy\"}", Stored.class))
                .isEqualTo(new Stored("shop", Action.DEPLOY));
    }

    @Test
    void aFieldThisVersionDoesNotKnowIsSkipped() throws Exception {
        String newer = "{\"name\":\"shop\",\"action\":\"pause\",\"reason\":{\"by\":\"timer\",\"after\":[1,2]}}";

        assertThatThrownBy(() -> strict.readValue(newer, Stored.class)).hasMessageContaining("reason");
        assertThat(tolerant.readValue(newer, Stored.class)).isEqualTo(new Stored("shop", Action.PAUSE));
    }
}
