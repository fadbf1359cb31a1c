package io.eyrie.commandside.project;

public class DeploymentNameTakenException extends RuntimeException {
    public DeploymentNameTakenException(String groupId, String name) {
        super("group " + groupId + " already has a deployment named '" + name + "'");
    }
}
