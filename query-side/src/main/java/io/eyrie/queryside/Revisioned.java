package io.eyrie.queryside;

/**
 * A document that knows the furthest event position that changed it (see {@link ReadModelBatch}): live streams
 * order its versions by it, and a reconnecting client says which one it saw last. Handling an event again leaves it.
 */
public interface Revisioned {
    long revision();

    void revision(long revision);
}
