package io.eyrie.queryside.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistencyGateTest {

    @Test
    void aPositionIsPassedOnceTheTokenIsAtOrBeyondItAndDoesNotListItAsAGap() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(311, Set.of(225L, 310L));
        assertThat(ConsistencyGate.passed(token, 311)).as("an old gap does not hold a newer position").isTrue();
        assertThat(ConsistencyGate.passed(token, 300)).isTrue();
        assertThat(ConsistencyGate.passed(token, 310)).as("not seen yet").isFalse();
        assertThat(ConsistencyGate.passed(token, 312)).isFalse();
        assertThat(ConsistencyGate.passed(null, 0)).as("a processor that never ran").isFalse();
    }

    @Test
    void aReplayHasPassedOnlyWhatItHasReplayed() {
        var replaying = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(500, Set.of()),
                GapAwareTrackingToken.newInstance(100, Set.of()));
        assertThat(ConsistencyGate.passed(replaying, 100)).isTrue();
        assertThat(ConsistencyGate.passed(replaying, 101)).isFalse();
    }
}
