package io.eyrie.commandside.project;

/** A membership change the project's rules refuse; {@link #code()} names the rule. */
public class MemberRuleException extends RuntimeException {
    public enum Rule {
        /** 403: only the owner (or a platform admin) makes, changes or removes admins. */
        OWNER_REQUIRED,
        /** 409: the owner's membership changes only by transferring ownership. */
        OWNER_IS_FIXED,
        /** 404: the user is not a member. */
        NOT_A_MEMBER
    }

    private final Rule rule;

    public MemberRuleException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    public String code() {
        return rule.name().toLowerCase().replace('_', '-');
    }
}
