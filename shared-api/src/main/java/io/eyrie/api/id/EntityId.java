package io.eyrie.api.id;

/**
 * An identifier that knows its kind. Its string form, {@code kind:value}, is the aggregate identifier in the event
 * store, so a stream of one kind can never be loaded as another: {@code project:acme} and {@code deployment:acme}
 * are different streams. On the wire (HTTP and event payloads) only the {@link #value()} travels.
 */
public interface EntityId {

    String kind();

    String value();

    /** The aggregate identifier: {@code kind:value}. Implementations return {@link #of}. */
    @Override
    String toString();

    static String of(EntityId id) {
        return id.kind() + ":" + id.value();
    }
}
