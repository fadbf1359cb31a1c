package io.eyrie.platform.security;

import java.util.regex.Pattern;

/**
 * Who sent the request, from a verified token: its subject, and whether the token names a platform admin.
 * Controllers take it as a parameter; the initiator recorded on every command and event is {@link #user()}.
 */
public record Caller(String user, boolean platformAdmin) {
    /** User names end up in events, logs and URLs; the same rule applies to member names in paths. */
    public static final String USER_PATTERN = "[A-Za-z0-9._@:+-]{1,128}";
    public static final String USER_MESSAGE = "must be 1-128 letters, digits or ._@:+-";
    private static final Pattern USER = Pattern.compile(USER_PATTERN);

    public Caller {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user " + user + " " + USER_MESSAGE);
        }
    }

    public static boolean isValidUser(String user) {
        return user != null && USER.matcher(user).matches();
    }
}
