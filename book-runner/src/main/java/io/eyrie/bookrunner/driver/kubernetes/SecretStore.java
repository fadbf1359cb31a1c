package io.eyrie.bookrunner.driver.kubernetes;

import io.eyrie.bookrunner.driver.StepOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads the value behind a secret reference, for the one moment a step writes it into the cluster. Values are
 * never logged, put in an event or in a step's detail. {@code secret://path#key} is the file {@code path/key}
 * under the configured directory (a mounted Kubernetes Secret or a CSI volume has exactly that shape);
 * {@code vault://} is not supported yet, and says so.
 */
final class SecretStore {
    private static final Pattern REFERENCE = Pattern.compile("secret://([A-Za-z0-9._/-]{1,300})(#([A-Za-z0-9._-]{1,100}))?");
    private final Path directory;

    SecretStore(Path directory) {
        this.directory = directory;
    }

    String read(String reference) {
        if (reference.startsWith("vault://")) {
            throw stop("vault:// references are not supported by this runner yet: " + reference);
        }
        var matcher = REFERENCE.matcher(reference);
        if (!matcher.matches() || matcher.group(1).contains("..")) {
            throw stop("'" + reference + "' is not a secret reference this runner reads (secret://path#key)");
        }
        if (directory == null) {
            throw stop("this runner has no secret store (eyrie.runner.kubernetes.secrets-directory) to read "
                    + reference);
        }
        Path file = directory.resolve(matcher.group(1));
        if (matcher.group(3) != null) {
            file = file.resolve(matcher.group(3));
        }
        if (!file.normalize().startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
            throw stop("secret " + reference + " is not in this runner's secret store");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw stop("secret " + reference + " could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static KubeApi.StepStopped stop(String why) {
        return new KubeApi.StepStopped(StepOutcome.failed(why));
    }
}
