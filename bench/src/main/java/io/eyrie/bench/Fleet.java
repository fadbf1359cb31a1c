package io.eyrie.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployments a benchmark acts on: one project, odoo groups of at most {@code groupSize} deployments, and the
 * deployments, created over HTTP. Each client creates in its own groups only, because every create is a command
 * on the group aggregate and concurrent creates in one group would collide on its event sequence.
 */
record Fleet(List<String> deploymentIds, List<String> names, int groups, LoadRunner.Outcome creation) {

    private record Spec(String group, String name) {
    }

    static Fleet create(HttpDriver http, String project, int count, int groupSize, int clients, Instant deadline)
            throws Exception {
        http.postCommand("/api/projects", "{\"slug\":" + HttpDriver.quote(project) + ",\"name\":\"Benchmark\"}")
                .require(201, "create project " + project);
        int groups = Math.max(clients, (count + groupSize - 1) / groupSize);
        List<String> groupNames = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String name = "odoo-%03d".formatted(g);
            http.postCommand("/api/projects/" + project + "/groups", "{\"name\":\"" + name + "\",\"type\":\"odoo\",\"clusters\":[\"local\"]}")
                    .require(201, "create group " + name);
            groupNames.add(name);
        }

        List<List<Spec>> shares = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int group = i % groups;
            shares.get(group % clients).add(new Spec(groupNames.get(group), "d-%05d".formatted(i)));
        }

        LoadRunner.Outcome outcome = LoadRunner.run("create", shares, 201, true, deadline, spec ->
                http.postCommand("/api/projects/" + project + "/groups/" + spec.group() + "/deployments",
                        "{\"name\":\"" + spec.name() + "\",\"scope\":\"dev\",\"image\":\"registry.example.com/bench/odoo:17.0\","
                                + "\"config\":{\"database\":\"pgo://bench/odoo\"}}"));
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String body : outcome.bodies()) {
            ids.add(new HttpDriver.Result(201, body, 0).json().get("id").asText());
            names.add(new HttpDriver.Result(201, body, 0).json().get("name").asText());
        }
        return new Fleet(List.copyOf(ids), List.copyOf(names), groups, outcome);
    }
}
