package io.eyrie.platform.web;

import io.eyrie.api.AuditMetaData;
import io.eyrie.platform.security.Caller;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns an HTTP request into the audit metadata its commands carry: the initiator is the verified token's subject,
 * never a header or a body field; {@value #CORRELATION_HEADER} may tie the request to the caller's own trace.
 */
public final class RequestAudit {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");

    private RequestAudit() {
    }

    public static MetaData from(Caller caller, HttpHeaders headers) {
        MetaData audit = MetaData.with(AuditMetaData.INITIATOR, caller.user())
                .and(AuditMetaData.CORRELATION_ID, correlationId(headers));
        return caller.platformAdmin() ? audit.and(AuditMetaData.PLATFORM_ADMIN, true) : audit;
    }

    static String correlationId(HttpHeaders headers) {
        String given = headers.getFirst(CORRELATION_HEADER);
        if (given == null || given.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!SAFE.matcher(given).matches()) {
            throw new InvalidHeaderException(CORRELATION_HEADER, "must be 1-128 characters of letters, digits and ._@:+-");
        }
        return given;
    }

    /** A request header that cannot be accepted; answered with 400. */
    public static class InvalidHeaderException extends RuntimeException {
        private final String header;

        public InvalidHeaderException(String header, String reason) {
            super(header + " " + reason);
            this.header = header;
        }

        public String header() {
            return header;
        }
    }
}
