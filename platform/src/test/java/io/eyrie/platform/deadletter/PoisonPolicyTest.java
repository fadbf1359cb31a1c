package io.eyrie.platform.deadletter;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoisonPolicyTest {
    private final PoisonPolicy policy = new PoisonPolicy();
    private final GenericDeadLetter<GenericEventMessage<String>> letter =
            new GenericDeadLetter<>("project:acme", new GenericEventMessage<>("payload"));

    @Test
    void aRefusedEventIsDeadLetteredWithItsCause() {
        var decision = policy.decide(letter, new IllegalStateException("no such deployment"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> {
            assertThat(cause.getMessage()).isEqualTo("no such deployment");
            assertThat(cause).isInstanceOfSatisfying(org.axonframework.messaging.deadletter.ThrowableCause.class,
                    thrown -> assertThat(thrown.type()).isEqualTo(IllegalStateException.class.getName()));
        });
    }

    @Test
    void aFailureThatWillPassIsThrownOnForTheProcessorToRetry() {
        var down = new UncheckedIOException(new ConnectException("Connection refused"));
        assertThatThrownBy(() -> policy.decide(letter, down)).isSameAs(down);
        var slow = new QueryTimeoutException("timed out");
        assertThatThrownBy(() -> policy.decide(letter, slow)).isSameAs(slow);
    }

    @Test
    void anEventThatCannotBeReadIsDeadLetteredThoughJacksonsErrorIsAnIoException() {
        var unreadable = new org.axonframework.serialization.SerializationException("cannot read JobCreated",
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character"));

        assertThat(policy.decide(letter, unreadable).shouldEnqueue()).isTrue();
    }

    @Test
    void aLongCauseIsCut() {
        var decision = policy.decide(letter, new IllegalArgumentException("x".repeat(5000)));

        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause.getMessage()).hasSize(1024));
    }
}
