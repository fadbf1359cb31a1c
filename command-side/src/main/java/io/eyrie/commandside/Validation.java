package io.eyrie.commandside;

/** Input rules shared by the command API's request records. */
public final class Validation {
    /** Slugs and names end up in Kubernetes object names, so they follow RFC 1123 labels. */
    public static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?";
    public static final String DNS_LABEL_MESSAGE =
            "must be 1-40 lowercase letters, digits or '-', starting and ending with a letter or digit";
    /** registry[:port]/path[:tag][@sha256:digest], as container runtimes accept it. */
    public static final String IMAGE = "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?";
    public static final String IMAGE_MESSAGE = "must be a container image reference such as nginx:1.27 or registry.example.com/team/app:v2";
    public static final String SCOPE = "[A-Za-z][A-Za-z0-9 _-]{0,39}";
    public static final String SCOPE_MESSAGE = "must be 1-40 letters, digits, spaces, '_' or '-', starting with a letter";
    public static final String ID = "[A-Za-z0-9-]{1,64}";
    public static final String ID_MESSAGE = "must be 1-64 letters, digits or '-'";

    private Validation() {
    }
}
