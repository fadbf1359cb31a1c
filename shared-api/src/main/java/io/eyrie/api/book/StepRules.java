package io.eyrie.api.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What each step kind needs in its {@code with} settings, as one table; a Book is refused unless it holds. */
public final class StepRules {
    /** The track a canary runs on, beside the live one. */
    public static final String CANARY = "canary";
    private static final Pattern REPLICAS = Pattern.compile("[0-9]{1,3}");
    private static final Pattern TRACK = Pattern.compile("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?");
    private static final Pattern SURGE = Pattern.compile("[0-9]{1,3}%?");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/?=&%-]{0,200}");
    /** A canary's share of the requests: some, never all (promotion rolls the live track instead). */
    private static final Pattern WEIGHT = Pattern.compile("[1-9][0-9]?");
    private static final Map<StepKind, Set<String>> SETTINGS = Map.ofEntries(
            Map.entry(StepKind.ENSURE_NAMESPACE, Set.of()),
            Map.entry(StepKind.ENSURE_SECRET, Set.of()),
            Map.entry(StepKind.APPLY_MANIFEST, Set.of("template", "track", "strategy", "maxSurge", "maxUnavailable", "weight")),
            Map.entry(StepKind.WAIT_FOR_ROLLOUT, Set.of("replicas", "track")),
            Map.entry(StepKind.SCALE, Set.of("replicas")),
            Map.entry(StepKind.RESTART_WORKLOAD, Set.of()),
            Map.entry(StepKind.DELETE_RESOURCES, Set.of("what")),
            Map.entry(StepKind.RUN_JOB, Set.of("template")),
            Map.entry(StepKind.SWITCH_SELECTOR, Set.of("track")),
            Map.entry(StepKind.SHIFT_TRAFFIC, Set.of("weight")),
            Map.entry(StepKind.HTTP_CHECK, Set.of("path", "track")));

    private StepRules() {
    }

    /** Which settings a kind takes. */
    public static Set<String> settings(StepKind kind) {
        return SETTINGS.get(kind);
    }

    /** What is wrong with a step's settings, as {@code [setting, message]} pairs; empty when it is fine. */
    public static List<String[]> problems(BookStep step) {
        List<String[]> problems = new ArrayList<>();
        for (String key : step.with().keySet()) {
            if (!SETTINGS.get(step.kind()).contains(key)) {
                problems.add(new String[]{key, "is not a setting of " + step.kind().wire() + "; it takes "
                        + (SETTINGS.get(step.kind()).isEmpty() ? "none" : String.join(", ", SETTINGS.get(step.kind())))});
            }
        }
        String template = step.with().get("template");
        switch (step.kind()) {
            case APPLY_MANIFEST, RUN_JOB -> {
                if (template == null || !BookTemplates.ALL.contains(template)) {
                    problems.add(new String[]{"template", "must be one of " + String.join(", ", BookTemplates.ALL)});
                }
                if (step.kind() == StepKind.APPLY_MANIFEST) {
                    rollout(problems, step);
                }
            }
            case SCALE -> require(problems, step, "replicas", REPLICAS, "must be a number of replicas", true);
            case WAIT_FOR_ROLLOUT -> {
                require(problems, step, "replicas", REPLICAS, "must be a number of replicas", false);
                require(problems, step, "track", TRACK, "must be a track such as blue or green", false);
            }
            case DELETE_RESOURCES -> {
                String what = step.with().get("what");
                if (!"workload".equals(what) && !"namespace".equals(what) && !"other-tracks".equals(what)) {
                    problems.add(new String[]{"what", "must be workload, namespace or other-tracks"});
                }
            }
            case SWITCH_SELECTOR -> require(problems, step, "track", TRACK, "must be a track such as blue or green", true);
            case SHIFT_TRAFFIC -> require(problems, step, "weight", WEIGHT, "must be a percentage from 1 to 99", true);
            case HTTP_CHECK -> {
                require(problems, step, "path", PATH, "must be a path such as /health", true);
                String track = step.with().get("track");
                if (track != null && !CANARY.equals(track)) {
                    problems.add(new String[]{"track", "must be canary, or left out to check the Services' traffic"});
                }
            }
            case ENSURE_NAMESPACE, ENSURE_SECRET -> {
            }
        }
        return problems;
    }

    /** A workload's track and update strategy: the primitives of rolling, recreate, blue-green and canary. */
    private static void rollout(List<String[]> problems, BookStep step) {
        require(problems, step, "track", TRACK, "must be a track such as blue or green", false);
        String strategy = step.with().get("strategy");
        if (strategy != null && !"rolling".equals(strategy) && !"recreate".equals(strategy)) {
            problems.add(new String[]{"strategy", "must be rolling or recreate"});
        }
        require(problems, step, "maxSurge", SURGE, "must be a number of pods or a percentage such as 25%", false);
        require(problems, step, "maxUnavailable", SURGE, "must be a number of pods or a percentage such as 25%", false);
        require(problems, step, "weight", WEIGHT, "must be a percentage from 1 to 99", false);
        if (step.with().containsKey("weight") && !CANARY.equals(step.with().get("track"))) {
            problems.add(new String[]{"weight", "is for the canary track only"});
        }
        if ("recreate".equals(strategy) && (step.with().containsKey("maxSurge") || step.with().containsKey("maxUnavailable"))) {
            problems.add(new String[]{"strategy", "recreate takes no maxSurge or maxUnavailable"});
        }
    }

    private static void require(List<String[]> problems, BookStep step, String key, Pattern shape, String message,
                                boolean required) {
        String value = step.with().get(key);
        if (value == null ? required : !shape.matcher(value).matches()) {
            problems.add(new String[]{key, message});
        }
    }
}
