package io.eyrie.api.query;

/**
 * A view as a live stream sends it: {@code revision} counts its document's changes, so a client that reconnects
 * with the last one it saw gets nothing twice.
 */
public record LiveView(long revision, Object view) {
}
