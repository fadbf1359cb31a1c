package io.eyrie.bookrunner.driver.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig with a bearer token for one server, in the context {@code double}. */
final class TestKubeconfig {
    static final String TOKEN = "not-a-real-token";

    private TestKubeconfig() {
    }

    static Path write(Path file, String server) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: double, cluster: {server: "%s"}}]
                users: [{name: eyrie, user: {token: %s}}]
                contexts: [{name: double, context: {cluster: double, user: eyrie}}]
                current-context: double
                """.formatted(server, TOKEN));
    }
}
