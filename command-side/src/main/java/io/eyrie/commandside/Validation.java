package io.eyrie.commandside;

import io.eyrie.api.id.Ids;

/** Input rules shared by the command API's request records. */
public final class Validation {
    /** Slugs and names end up in Kubernetes object names, so they follow RFC 1123 labels. */
    public static final String DNS_LABEL = Ids.SLUG;
    public static final String DNS_LABEL_MESSAGE = Ids.SLUG_MESSAGE;
    /** registry[:port]/path[:tag][@sha256:digest], as container runtimes accept it. */
    public static final String IMAGE = "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?";
    public static final String IMAGE_MESSAGE = "must be a container image reference such as nginx:1.27 or registry.example.com/team/app:v2";
    public static final String SCOPE = "[A-Za-z][A-Za-z0-9 _-]{0,39}";
    public static final String SCOPE_MESSAGE = "must be 1-40 letters, digits, spaces, '_' or '-', starting with a letter";
    public static final String ID = Ids.UUID_PATTERN;
    public static final String ID_MESSAGE = Ids.UUID_MESSAGE;

    public static final String BRANCH = "[A-Za-z0-9._/-]{1,200}";
    public static final String BRANCH_MESSAGE = "must be a branch name of letters, digits and ._/-";
    public static final String COMMIT_REF = "[A-Za-z0-9._/-]{1,200}";
    public static final String COMMIT_REF_MESSAGE = "must be a commit hash, tag or ref of letters, digits and ._/-";
    public static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]{0,127}";
    public static final String ENV_NAME_MESSAGE = "must be an environment variable name: letters, digits and _";
    /** Where a secret is kept, never the secret: {@code secret://<store path>[#key]} or {@code vault://...}. */
    public static final String SECRET_REF = "(secret|vault)://[A-Za-z0-9._/-]{1,300}(#[A-Za-z0-9._-]{1,100})?";
    public static final String SECRET_REF_MESSAGE = "must be a reference such as secret://acme/shop-db#password";
    public static final String BOOK_REF = "[a-z0-9][a-z0-9.-]{0,80}(@[1-9][0-9]{0,5})?";
    public static final String BOOK_REF_MESSAGE = "must be a Book name, optionally with @version (a number)";

    public static final String REPOSITORY_URL = "(https://|ssh://|git@)[A-Za-z0-9._~:/@+-]{1,400}";
    public static final String REPOSITORY_URL_MESSAGE = "must be a git URL: https://..., ssh://... or git@host:path";
    /** An image without tag or digest: registry[:port]/path. */
    public static final String IMAGE_NAME = "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*";
    public static final String IMAGE_NAME_MESSAGE = "must be an image name without tag, such as registry.example.com/shop";
    public static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    public static final String TAG_MESSAGE = "must be an image tag: letters, digits and _.-";
    public static final String DIGEST = "sha256:[a-f0-9]{64}";
    public static final String DIGEST_MESSAGE = "must be sha256: followed by 64 hex digits";
    public static final String ENDPOINT = "[a-z][a-z0-9+.-]*://[^\\s]{1,500}";
    public static final String ENDPOINT_MESSAGE = "must be a URL such as s3://bucket/path or postgresql://host:5432/db";

    /** Query parameters whose names say they carry a secret: tokens, keys, presigned signatures. */
    private static final java.util.regex.Pattern SECRET_PARAMETER = java.util.regex.Pattern.compile(
            "(?i)(.*(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|SIGNATURE|CREDENTIAL).*|sig|sas|auth)");

    private Validation() {
    }

    /**
     * Refuses a URL that carries a secret, which would otherwise enter events and read models for good: a password
     * in its user info, any user info when {@code userAllowed} is false (https://token@host), or a query parameter
     * named like a secret. Secrets belong in a reference such as {@code secret://...}.
     */
    public static void requireNoSecretIn(String field, String url, boolean userAllowed) {
        if (url == null) {
            return;
        }
        java.net.URI parsed;
        try {
            parsed = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException(field, "is not a valid URL: " + e.getReason());
        }
        String userInfo = parsed.getRawUserInfo();
        if (userInfo == null && parsed.getRawAuthority() != null && parsed.getRawAuthority().contains("@")) {
            userInfo = parsed.getRawAuthority().substring(0, parsed.getRawAuthority().lastIndexOf('@'));
        }
        if (userInfo != null && (!userAllowed || userInfo.contains(":"))) {
            throw new InvalidInputException(field, userAllowed
                    ? "holds a password; give it as a secret reference instead, so that it never enters an event"
                    : "holds user credentials; give them as a secret reference instead, so that they never enter an "
                    + "event");
        }
        String query = parsed.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (SECRET_PARAMETER.matcher(name).matches()) {
                    throw new InvalidInputException(field, "has the query parameter '" + name + "', which looks like "
                            + "a secret; give it as a secret reference instead");
                }
            }
        }
    }
}
