package io.eyrie.job.manifests;

/** A template could not be filled, or made something Eyrie does not create; the message says which and why. */
public class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
