package io.eyrie.commandside.idempotency;

/** Another request with the same key committed first; this one changed nothing and replays that one's answer. */
public class IdempotencyKeyTakenException extends RuntimeException {
    private final IdempotentRequest request;

    public IdempotencyKeyTakenException(IdempotentRequest request) {
        super("a request with this Idempotency-Key was carried out already");
        this.request = request;
    }

    public IdempotentRequest request() {
        return request;
    }
}
