package io.eyrie.queryside;

import org.junit.jupiter.api.Test;

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
}
