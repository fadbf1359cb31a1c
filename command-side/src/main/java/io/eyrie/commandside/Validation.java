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

    private Validation() {
    }
}
