package io.eyrie.commandside.project;

/** 409: the group's state refuses the change; {@link #code()} names the rule for clients. */
public class GroupRuleException extends RuntimeException {
    private final String code;

    public GroupRuleException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
