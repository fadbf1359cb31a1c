package io.eyrie.bookrunner.monitor;

import io.eyrie.api.monitor.MonitorRules;
import io.eyrie.api.monitor.MonitorSpec;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * An HTTP check with the JDK's client: asynchronous, one client for every check, no thread held while a target
 * answers (the executor only resolves names). Redirects are followed here rather than by the client, so every hop's
 * URL and resolved addresses are judged by {@link MonitorRules} before it is reached, and a loop is named. The whole
 * check, every hop included, ends within the spec's timeout. Every failure is a result with its reason.
 */
final class HttpProbe {
    /** The most of a body a check reads to look for {@code bodyContains}. */
    static final int BODY_LIMIT = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String USER_AGENT = "eyrie-monitor";

    /** Maps a host to its addresses; tests swap in their own names. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final HttpClient client;
    private final Executor executor;
    private final int maxRedirects;
    private final Resolver resolver;

    HttpProbe(Executor executor, int maxRedirects) {
        this(executor, maxRedirects, host -> List.of(InetAddress.getAllByName(host)));
    }

    HttpProbe(Executor executor, int maxRedirects, Resolver resolver) {
        this.executor = executor;
        this.maxRedirects = maxRedirects;
        this.resolver = resolver;
        // The connect timeout is the client's, shared by all checks, so it is only the ceiling: each request's own
        // timeout (the check's remaining time, which the JDK counts from before the connect) and orTimeout bound a
        // check. The client keeps its own executor: a slow DNS on the probe executor must not delay the answers of
        // other checks past their timeouts. HTTP/1.1: no h2c upgrade headers sent to plain-HTTP targets.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(MonitorRules.MAX_TIMEOUT))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Never completes exceptionally: every failure becomes a result with {@code passed} false and a reason. */
    CompletableFuture<CheckOutcome> check(MonitorSpec spec) {
        Check check = new Check(spec, System.nanoTime());
        CompletableFuture<Verdict> verdict;
        try {
            verdict = check.start();
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        return verdict.orTimeout(check.timeoutMillis, TimeUnit.MILLISECONDS).handle((found, error) -> {
            long latency = (System.nanoTime() - check.started) / 1_000_000;
            if (error != null) {
                check.abort();
                return new CheckOutcome(false, false, check.lastStatus, latency, check.reason(error));
            }
            return new CheckOutcome(found.passed(), false, found.status(), latency, found.reason());
        });
    }

    /** What the hops found, before the latency is measured. */
    private record Verdict(boolean passed, Integer status, String reason) {
        static CompletableFuture<Verdict> failed(Integer status, String reason) {
            return CompletableFuture.completedFuture(new Verdict(false, status, reason));
        }
    }

    /** The first bytes of a body, and whether there were more. */
    private record Body(String text, boolean truncated) {
        static final Body NONE = new Body("", false);
    }

    /** One check's hops, in sequence: each starts from the completion of the one before. */
    private final class Check {
        final MonitorSpec spec;
        final long started;
        final int timeoutMillis;
        final long deadline;
        final List<URI> visited = new ArrayList<>();
        volatile URI current;
        volatile Integer lastStatus;
        volatile CompletableFuture<?> inFlight;
        volatile boolean over;

        Check(MonitorSpec spec, long started) {
            this.spec = spec;
            this.started = started;
            this.timeoutMillis = spec.timeoutMillis() != null ? spec.timeoutMillis() : MonitorRules.DEFAULT_TIMEOUT;
            this.deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        }

        CompletableFuture<Verdict> start() {
            // The command side validated the URL already; checked again since a check must never reach a refused one.
            String problem = MonitorRules.urlProblem(spec.url());
            if (problem != null) {
                return Verdict.failed(null, "refused: url " + problem);
            }
            return hop(withoutFragment(URI.create(spec.url())), spec.method() != null ? spec.method() : "GET");
        }

        /** Resolves the hop's host on the executor (the one blocking step), judges its addresses, then sends. */
        CompletableFuture<Verdict> hop(URI uri, String method) {
            visited.add(uri);
            current = uri;
            return CompletableFuture.supplyAsync(() -> addressProblem(bare(uri.getHost())), executor)
                    .thenCompose(problem -> problem != null ? Verdict.failed(lastStatus, problem) : send(uri, method));
        }

        CompletableFuture<Verdict> send(URI uri, String method) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (over || remaining <= 0) {
                return Verdict.failed(lastStatus, timedOut());
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMillis(remaining))
                    .header("User-Agent", USER_AGENT)
                    .build();
            CompletableFuture<HttpResponse<Body>> response = client.sendAsync(request, this::body);
            inFlight = response;
            if (over) {
                response.cancel(true);
            }
            return response.thenCompose(answer -> answered(uri, method, answer));
        }

        /** Reads a body only when it is matched: the last hop, its status expected, and bodyContains set. */
        HttpResponse.BodySubscriber<Body> body(HttpResponse.ResponseInfo info) {
            boolean read = spec.bodyContains() != null && !follows(info.statusCode(), info.headers())
                    && spec.expects(info.statusCode());
            return read ? new Prefix(BODY_LIMIT) : HttpResponse.BodySubscribers.replacing(Body.NONE);
        }

        /** A redirect is followed unless the spec expects that very status (a check that a redirect is served). */
        boolean follows(int status, HttpHeaders headers) {
            return REDIRECTS.contains(status) && headers.firstValue("Location").isPresent()
                    && (spec.expectedStatus() == null || !spec.expectedStatus().contains(status));
        }

        CompletableFuture<Verdict> answered(URI uri, String method, HttpResponse<Body> response) {
            int status = response.statusCode();
            lastStatus = status;
            if (follows(status, response.headers())) {
                return redirect(uri, method, status, response.headers().firstValue("Location").orElseThrow());
            }
            if (!spec.expects(status)) {
                return Verdict.failed(status, "status " + status + ", " + expected());
            }
            String needle = spec.bodyContains();
            if (needle == null) {
                return CompletableFuture.completedFuture(new Verdict(true, status, "status " + status));
            }
            if (!response.body().text().contains(needle)) {
                return Verdict.failed(status, "body does not contain '" + needle + "'"
                        + (response.body().truncated() ? " (first " + BODY_LIMIT / 1024 + " KiB read)" : ""));
            }
            return CompletableFuture.completedFuture(new Verdict(true, status, "status " + status + ", body contains '"
                    + needle + "'"));
        }

        CompletableFuture<Verdict> redirect(URI from, String method, int status, String location) {
            URI target;
            try {
                // URI.resolve mishandles a base without a path ("http://h" + "x" gives "http://hx").
                URI base = from.getRawPath() == null || from.getRawPath().isEmpty() ? from.resolve("/") : from;
                target = withoutFragment(base.resolve(location.trim()));
            } catch (IllegalArgumentException e) {
                return Verdict.failed(status, "redirect to an invalid URL: " + e.getMessage());
            }
            String problem = MonitorRules.urlProblem(target.toString());
            if (problem != null) {
                return Verdict.failed(status, "refused: redirect to " + shown(target) + " " + problem);
            }
            if (visited.contains(target)) {
                List<URI> loop = new ArrayList<>(visited);
                loop.add(target);
                return Verdict.failed(status, "redirect loop: " + loop.stream().map(HttpProbe::shown)
                        .collect(Collectors.joining(" -> ")));
            }
            if (visited.size() > maxRedirects) {
                return Verdict.failed(status, "too many redirects (" + maxRedirects + ")");
            }
            // 303 asks for a retrieval: GET, or HEAD for a HEAD check (it should not start reading bodies).
            return hop(target, status == 303 && !method.equals("HEAD") ? "GET" : method);
        }

        /** Why this host may not be reached, or null: it must resolve, and to no blocked address at all. */
        String addressProblem(String host) {
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                return "DNS: cannot resolve " + host;
            }
            if (addresses == null || addresses.isEmpty()) {
                return "DNS: cannot resolve " + host;
            }
            for (InetAddress address : addresses) {
                if (MonitorRules.blocked(address)) {
                    return "refused: " + host + " resolves to link-local or metadata address " + address.getHostAddress();
                }
            }
            return null;
        }

        /** After the timeout: stops the request in flight, and any hop not yet sent. */
        void abort() {
            over = true;
            CompletableFuture<?> request = inFlight;
            if (request != null) {
                request.cancel(true);
            }
        }

        String reason(Throwable error) {
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            URI uri = current != null ? current : URI.create(spec.url());
            if (cause instanceof TimeoutException || find(cause, HttpTimeoutException.class) != null) {
                return timedOut();
            }
            SSLException tls = find(cause, SSLException.class);
            if (tls != null) {
                return "TLS: " + tls.getMessage();
            }
            if (find(cause, UnknownHostException.class) != null || find(cause, UnresolvedAddressException.class) != null) {
                return "DNS: cannot resolve " + uri.getHost();
            }
            if (find(cause, ConnectException.class) != null) {
                String detail = deepestMessage(cause);
                return detail == null || detail.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused: " + where(uri)
                        : "cannot connect to " + where(uri) + ": " + detail;
            }
            return "check failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }

        String timedOut() {
            return "timed out after " + timeoutMillis + " ms";
        }

        String expected() {
            return spec.expectedStatus() == null || spec.expectedStatus().isEmpty() ? "expected 2xx"
                    : "expected one of " + spec.expectedStatus();
        }
    }

    /**
     * Keeps the first {@code limit} bytes of a body and cancels the rest, so a large or endless body costs no more
     * than the limit. Never blocks: bytes are taken as the client delivers them.
     */
    private static final class Prefix implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        Prefix(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() == limit && buffer.hasRemaining()) {
                    subscription.cancel();
                    result.complete(text(true));
                    return;
                }
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    result.complete(text(true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(text(false));
        }

        /** UTF-8 whatever the declared charset: the text matched is what a spec author types, mostly ASCII. */
        private Body text(boolean truncated) {
            return new Body(bytes.toString(StandardCharsets.UTF_8), truncated);
        }
    }

    /** A URL as reasons show it: without its query, which the log has no need of. */
    private static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() != null ? uri.getRawPath() : "");
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.substring(0, text.indexOf('#')));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String where(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable error) {
        String message = null;
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
