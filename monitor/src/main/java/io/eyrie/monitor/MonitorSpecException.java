package io.eyrie.monitor;

import io.eyrie.api.monitor.MonitorRules;

import java.util.List;

/** A spec {@link MonitorRules} rejects: 400, naming each field. */
public class MonitorSpecException extends RuntimeException {
    private final List<MonitorRules.Problem> problems;

    public MonitorSpecException(List<MonitorRules.Problem> problems) {
        super("Invalid value for: " + String.join(", ", problems.stream().map(MonitorRules.Problem::field).distinct().toList()));
        this.problems = List.copyOf(problems);
    }

    public List<MonitorRules.Problem> problems() {
        return problems;
    }
}
