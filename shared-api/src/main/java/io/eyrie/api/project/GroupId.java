package io.eyrie.api.project;

/** A group's aggregate identifier: unique per project, so a duplicate name collides in the event store. */
public final class GroupId {
    private GroupId() {
    }

    public static String of(String project, String group) {
        return project + "/" + group;
    }
}
