package io.eyrie.queryside;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How many segments an instance lets go of, and from which processors. */
class SegmentBalancerTest {
    private static final Map<String, Integer> SEGMENTS = Map.of("cards", 2, "jobs", 2, "groups", 1, "projects", 1,
            "books", 1);

    @Test
    void anInstanceHoldingEverythingLetsGoOfAllBeyondItsShare() {
        Map<String, List<Integer>> claimed = new LinkedHashMap<>();
        claimed.put("cards", List.of(0, 1));
        claimed.put("jobs", List.of(0, 1));
        claimed.put("groups", List.of(0));
        claimed.put("projects", List.of(0));
        claimed.put("books", List.of(0));

        var letGo = SegmentBalancer.excess(claimed, SEGMENTS, 2);

        assertThat(letGo).hasSize(3);
        // From the processors holding most here first, so both instances end up with some of each busy one; then
        // a small processor whole, not the last segment here of a split one.
        assertThat(letGo.subList(0, 2)).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("cards", "jobs");
        assertThat(letGo.get(2).getKey()).isIn("groups", "projects", "books");
        assertThat(letGo).doesNotHaveDuplicates();
        letGo.forEach(entry -> assertThat(claimed.get(entry.getKey())).contains(entry.getValue()));
    }

    @Test
    void anInstanceAtOrBelowItsShareKeepsWhatItHas() {
        Map<String, List<Integer>> claimed = Map.of("cards", List.of(0), "jobs", List.of(1), "books", List.of(0));
        assertThat(SegmentBalancer.excess(claimed, SEGMENTS, 2)).isEmpty();
        assertThat(SegmentBalancer.excess(Map.of("cards", List.of(0, 1)), Map.of("cards", 2), 1)).isEmpty();
        assertThat(SegmentBalancer.excess(Map.of(), SEGMENTS, 3)).isEmpty();
    }

    @Test
    void theShareIsRoundedUpSoEverySegmentHasAPlace() {
        Map<String, List<Integer>> claimed = Map.of("cards", List.of(0, 1), "jobs", List.of(0, 1), "books", List.of(0));
        Map<String, Integer> five = Map.of("cards", 2, "jobs", 2, "books", 1);
        assertThat(SegmentBalancer.excess(claimed, five, 3)).hasSize(3);
        assertThat(SegmentBalancer.excess(claimed, five, 2)).hasSize(2);
    }

    /** Alive is a count that moves, as this instance's clock sees it: the others' clocks never enter into it. */
    @Test
    void anInstanceIsAliveWhileItsCountMoves() {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        var peers = new SegmentBalancer.Peers("me", Duration.ofSeconds(5));

        assertThat(peers.observe(Map.of("me", 7L, "b", 1L, "c", 40L), start).alive()).as("first seen").isEqualTo(3);
        assertThat(peers.observe(Map.of("me", 8L, "b", 2L, "c", 40L), start.plusSeconds(4)).alive()).isEqualTo(3);
        var later = peers.observe(Map.of("me", 9L, "b", 3L, "c", 40L), start.plusSeconds(6));
        assertThat(later.alive()).as("c has not moved for 6 s").isEqualTo(2);
        assertThat(later.gone()).isEmpty();

        assertThat(peers.observe(Map.of("me", 10L, "b", 4L, "c", 41L), start.plusSeconds(7)).alive())
                .as("c moved again").isEqualTo(3);
        var gone = peers.observe(Map.of("me", 11L, "b", 4L), start.plusSeconds(60));
        assertThat(gone.alive()).as("b silent since 7 s, c's row removed").isEqualTo(1);
        assertThat(gone.gone()).containsExactly(Map.entry("b", 4L));
    }
}
