package io.eyrie.api;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Readable, stable identifiers for tests: the same name always gives the same UUID. */
public final class TestIds {
    public static final ProjectId ACME_PROJECT = new ProjectId("acme");

    private TestIds() {
    }

    public static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static JobId job(String name) {
        return new JobId(uuid("job " + name));
    }

    public static DeploymentId deployment(String name) {
        return new DeploymentId(uuid("deployment " + name));
    }

    public static MonitorId monitor(String name) {
        return new MonitorId(uuid("monitor " + name));
    }

    public static GroupId group(String name) {
        return new GroupId(uuid("group " + name));
    }
}
