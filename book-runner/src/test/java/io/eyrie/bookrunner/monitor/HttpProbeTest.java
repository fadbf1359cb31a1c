package io.eyrie.bookrunner.monitor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks against a local responder: every way a target can fail is a failed result with its own reason. */
class HttpProbeTest {
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);
    private static final ExecutorService SERVER_THREADS = Executors.newCachedThreadPool();
    /** Each request the responder got, as "METHOD /path". */
    private static final Queue<String> REQUESTS = new ConcurrentLinkedQueue<>();
    private static final HttpProbe PROBE = new HttpProbe(EXECUTOR, 3);
    private static HttpServer server;

    @BeforeAll
    static void responder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            try {
                respond(exchange);
            } catch (IOException | InterruptedException e) {
                // The client went away (a cancelled body, a timeout): what it saw is the test's concern.
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(SERVER_THREADS);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        SERVER_THREADS.shutdownNow();
        EXECUTOR.shutdownNow();
    }

    @BeforeEach
    void forget() {
        REQUESTS.clear();
    }

    private static void respond(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/ok" -> answer(exchange, 200, "all good");
            case "/slowish" -> {
                Thread.sleep(50);
                answer(exchange, 200, "fine");
            }
            case "/down" -> answer(exchange, 503, "down");
            case "/nocontent" -> exchange.sendResponseHeaders(204, -1);
            case "/slow" -> {
                Thread.sleep(5_000);
                answer(exchange, 200, "late");
            }
            case "/trickle" -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                for (int i = 0; i < 50; i++) {
                    body.write('.');
                    body.flush();
                    Thread.sleep(100);
                }
            }
            case "/large" -> {
                // 1 MiB of filler, the needle only at its end: past what a check reads.
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                byte[] filler = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 1024; i++) {
                    body.write(filler);
                }
                body.write("needle".getBytes(StandardCharsets.US_ASCII));
            }
            case "/hop" -> redirect(exchange, 302, "/ok");
            case "/absolute" -> redirect(exchange, 301, url("/hop"));
            case "/a" -> redirect(exchange, 302, "/b");
            case "/b" -> redirect(exchange, 302, "/a");
            case "/see-other" -> redirect(exchange, 303, "/ok");
            case "/temporary" -> redirect(exchange, 307, "/ok");
            case "/to-metadata" -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data");
            case "/to-ftp" -> redirect(exchange, 302, "ftp://127.0.0.1/file");
            case "/to-localhost" -> redirect(exchange, 302, "http://localhost:" + port() + "/secret");
            default -> {
                if (path.startsWith("/chain/")) {
                    int n = Integer.parseInt(path.substring("/chain/".length()));
                    redirect(exchange, 302, "/chain/" + (n + 1));
                } else {
                    answer(exchange, 404, "no " + path);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static MonitorSpec spec(String url, String method, List<Integer> expected, String body, int timeout) {
        return new MonitorSpec(MonitorType.HTTP_REQUEST, "web", 30, 3, url, method, expected, body, timeout,
                timeout / 2, null, null, null, null);
    }

    private static MonitorSpec spec(String url) {
        return spec(url, "GET", List.of(), null, 2_000);
    }

    private static CheckOutcome check(HttpProbe probe, MonitorSpec spec) throws Exception {
        return probe.check(spec).get(5, TimeUnit.SECONDS);
    }

    private static CheckOutcome check(MonitorSpec spec) throws Exception {
        return check(PROBE, spec);
    }

    /** Resolves as the system does, except for the names given. */
    private static HttpProbe.Resolver resolving(String name, String... addresses) {
        return host -> {
            if (!host.equals(name)) {
                return List.of(InetAddress.getAllByName(host));
            }
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        };
    }

    @Test
    void anAnsweringTargetPassesWithItsStatusAndLatency() throws Exception {
        CheckOutcome result = check(spec(url("/slowish")));

        assertThat(result.passed()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.reason()).isEqualTo("status 200");
        assertThat(result.latencyMillis()).isGreaterThanOrEqualTo(50).isLessThan(2_000);
    }

    @Test
    void theExpectedStatusesAreTheOnesThatPass() throws Exception {
        MonitorSpec twoHundreds = spec(url("/nocontent"), "GET", List.of(200, 204), null, 2_000);
        assertThat(check(twoHundreds).passed()).isTrue();

        CheckOutcome down = check(spec(url("/down"), "GET", List.of(200, 204), null, 2_000));
        assertThat(down.passed()).isFalse();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.reason()).isEqualTo("status 503, expected one of [200, 204]");

        assertThat(check(spec(url("/down"), "GET", List.of(503), null, 2_000)).passed()).isTrue();
    }

    @Test
    void anUnexpectedStatusFails() throws Exception {
        CheckOutcome result = check(spec(url("/down")));

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isEqualTo(503);
        assertThat(result.reason()).isEqualTo("status 503, expected 2xx");
    }

    @Test
    void theBodyMustContainTheText() throws Exception {
        CheckOutcome matched = check(spec(url("/ok"), "GET", List.of(), "good", 2_000));
        assertThat(matched.passed()).isTrue();
        assertThat(matched.reason()).isEqualTo("status 200, body contains 'good'");

        CheckOutcome missing = check(spec(url("/ok"), "GET", List.of(), "database up", 2_000));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.reason()).isEqualTo("body does not contain 'database up'");
    }

    @Test
    void onlyTheFirst64KiBOfABodyAreRead() throws Exception {
        CheckOutcome beyond = check(spec(url("/large"), "GET", List.of(), "needle", 2_000));
        assertThat(beyond.passed()).isFalse();
        assertThat(beyond.reason()).isEqualTo("body does not contain 'needle' (first 64 KiB read)");

        assertThat(check(spec(url("/large"), "GET", List.of(), "xxxx", 2_000)).passed()).isTrue();
    }

    @Test
    void aSlowTargetTimesOut() throws Exception {
        long started = System.nanoTime();
        CheckOutcome result = check(spec(url("/slow"), "GET", List.of(), null, 300));

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isNull();
        assertThat(result.reason()).isEqualTo("timed out after 300 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
    }

    @Test
    void aBodyThatNeverEndsTimesOutToo() throws Exception {
        CheckOutcome result = check(spec(url("/trickle"), "GET", List.of(), "never", 300));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("timed out after 300 ms");
    }

    /** The timeout covers the name's resolution too, and a hop resolved too late is not sent. */
    @Test
    void aSlowResolutionTimesOut() throws Exception {
        ExecutorService resolving = Executors.newSingleThreadExecutor();
        try {
            HttpProbe slowDns = new HttpProbe(resolving, 3, host -> {
                try {
                    Thread.sleep(800);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(InetAddress.getByName(host));
            });
            CheckOutcome result = check(slowDns, spec(url("/ok"), "GET", List.of(), null, 200));

            assertThat(result.passed()).isFalse();
            assertThat(result.reason()).isEqualTo("timed out after 200 ms");
            Thread.sleep(900);
            assertThat(REQUESTS).isEmpty();
        } finally {
            resolving.shutdownNow();
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        CheckOutcome result = check(spec("http://127.0.0.1:" + port + "/health"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("connection refused: 127.0.0.1:" + port);
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() throws Exception {
        HttpProbe unresolvable = new HttpProbe(EXECUTOR, 3, host -> {
            throw new UnknownHostException(host);
        });
        CheckOutcome stubbed = check(unresolvable, spec(url("/ok")));
        assertThat(stubbed.passed()).isFalse();
        assertThat(stubbed.reason()).isEqualTo("DNS: cannot resolve 127.0.0.1");
        assertThat(REQUESTS).isEmpty();

        CheckOutcome real = check(spec("http://no-such-host.invalid/health"));
        assertThat(real.passed()).isFalse();
        assertThat(real.reason()).isEqualTo("DNS: cannot resolve no-such-host.invalid");
    }

    /** Answers the handshake in plain text, as a plain-HTTP server does (the JDK's own just waits for a line). */
    @Test
    void httpsToAPlainHttpPortIsATlsFailure() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = Thread.ofVirtual().start(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getInputStream().read(new byte[512]);
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException ignored) {
                    // What the client saw is the assertion's concern.
                }
            });
            CheckOutcome result = check(spec("https://127.0.0.1:" + plain.getLocalPort() + "/ok"));
            answering.join(2_000);

            assertThat(result.passed()).isFalse();
            assertThat(result.status()).isNull();
            assertThat(result.reason()).startsWith("TLS: ");
        }
    }

    @Test
    void aSelfSignedCertificateIsATlsFailure() throws Exception {
        WireMockServer tls = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        tls.start();
        try {
            tls.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
            CheckOutcome result = check(spec("https://127.0.0.1:" + tls.httpsPort() + "/ok"));

            assertThat(result.passed()).isFalse();
            assertThat(result.reason()).startsWith("TLS: ").containsIgnoringCase("certification path");
        } finally {
            tls.stop();
        }
    }

    @Test
    void redirectsAreFollowedToTheirAnswer() throws Exception {
        CheckOutcome relative = check(spec(url("/hop")));
        assertThat(relative.passed()).isTrue();
        assertThat(relative.status()).isEqualTo(200);

        CheckOutcome absolute = check(spec(url("/absolute"), "GET", List.of(), "good", 2_000));
        assertThat(absolute.passed()).isTrue();
        assertThat(REQUESTS).containsExactly("GET /hop", "GET /ok", "GET /absolute", "GET /hop", "GET /ok");
    }

    @Test
    void aRedirectTheSpecExpectsIsNotFollowed() throws Exception {
        CheckOutcome result = check(spec(url("/hop"), "GET", List.of(302), null, 2_000));

        assertThat(result.passed()).isTrue();
        assertThat(result.status()).isEqualTo(302);
        assertThat(REQUESTS).containsExactly("GET /hop");
    }

    @Test
    void aRedirectLoopIsNamed() throws Exception {
        CheckOutcome result = check(spec(url("/a")));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("redirect loop: " + url("/a") + " -> " + url("/b") + " -> " + url("/a"));
    }

    @Test
    void moreRedirectsThanAllowedFail() throws Exception {
        CheckOutcome result = check(spec(url("/chain/0")));

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isEqualTo(302);
        assertThat(result.reason()).isEqualTo("too many redirects (3)");
        assertThat(REQUESTS).containsExactly("GET /chain/0", "GET /chain/1", "GET /chain/2", "GET /chain/3");
    }

    @Test
    void aRedirectToARefusedUrlIsNotFollowed() throws Exception {
        assertThat(check(spec(url("/to-metadata"))).reason()).isEqualTo("refused: redirect to "
                + "http://169.254.169.254/latest/meta-data must not point at a link-local or metadata address");
        CheckOutcome ftp = check(spec(url("/to-ftp")));
        assertThat(ftp.passed()).isFalse();
        assertThat(ftp.reason()).isEqualTo("refused: redirect to ftp://127.0.0.1/file must be an http or https URL with a host");
    }

    /** A name with any blocked address is refused, though another of its addresses would answer. */
    @Test
    void aRedirectToANameResolvingToAMetadataAddressIsNeverReached() throws Exception {
        HttpProbe rebinding = new HttpProbe(EXECUTOR, 3, resolving("localhost", "127.0.0.1", "169.254.169.254"));
        CheckOutcome result = check(rebinding, spec(url("/to-localhost")));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("refused: localhost resolves to link-local or metadata address 169.254.169.254");
        assertThat(REQUESTS).containsExactly("GET /to-localhost");
    }

    @Test
    void aFirstUrlWhoseNameResolvesToAMetadataAddressIsRefused() throws Exception {
        HttpProbe rebinding = new HttpProbe(EXECUTOR, 3, resolving("internal.example.test", "169.254.169.254"));
        CheckOutcome result = check(rebinding, spec("http://internal.example.test/health"));

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isNull();
        assertThat(result.reason())
                .isEqualTo("refused: internal.example.test resolves to link-local or metadata address 169.254.169.254");
    }

    @Test
    void theSpecsMethodIsUsed() throws Exception {
        assertThat(check(spec(url("/ok"), "HEAD", List.of(), null, 2_000)).passed()).isTrue();
        assertThat(check(spec(url("/ok"), "OPTIONS", List.of(), null, 2_000)).passed()).isTrue();

        assertThat(REQUESTS).containsExactly("HEAD /ok", "OPTIONS /ok");
    }

    @Test
    void seeOtherTurnsTheMethodIntoGetAndTemporaryKeepsIt() throws Exception {
        assertThat(check(spec(url("/see-other"), "OPTIONS", List.of(), null, 2_000)).passed()).isTrue();
        assertThat(check(spec(url("/see-other"), "GET", List.of(), null, 2_000)).passed()).isTrue();
        assertThat(check(spec(url("/temporary"), "OPTIONS", List.of(), null, 2_000)).passed()).isTrue();

        assertThat(REQUESTS).containsExactly("OPTIONS /see-other", "GET /ok", "GET /see-other", "GET /ok",
                "OPTIONS /temporary", "OPTIONS /ok");
    }

    @Test
    void aCheckThatCannotStartIsAFailedResultNotAnException() throws Exception {
        CheckOutcome badUrl = check(spec("ftp://127.0.0.1/file"));
        assertThat(badUrl.passed()).isFalse();
        assertThat(badUrl.reason()).isEqualTo("refused: url must be an http or https URL with a host");

        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        CheckOutcome rejected = check(new HttpProbe(stopped, 3), spec(url("/ok")));
        assertThat(rejected.passed()).isFalse();
        assertThat(rejected.reason()).startsWith("check failed: RejectedExecutionException");
    }
}
