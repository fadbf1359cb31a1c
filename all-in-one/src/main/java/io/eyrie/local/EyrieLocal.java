package io.eyrie.local;

import io.eyrie.bookrunner.BookRunnerApplication;
import io.eyrie.commandside.CommandSideApplication;
import io.eyrie.platform.local.EmbeddedMongo;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import io.eyrie.queryside.QuerySideApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Runs Eyrie on one machine: the three services in one JVM, each in its own Spring context and port, sharing
 * nothing but the event store, exactly as they would as separate processes. The stores are embedded unless
 * external ones are configured.
 */
public final class EyrieLocal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EyrieLocal.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    /** What every context was started with, for another query instance. */
    private Map<String, Object> shared;
    private String[] args;
    private ConfigurableApplicationContext bookRunner;
    private String eventStoreUrl;
    private DevKeys devKeys;
    private LocalKubernetes kubernetes;

    private EyrieLocal() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        LocalSettings settings = LocalSettings.fromEnvironment();
        EyrieLocal eyrie = start(settings, args);
        Runtime.getRuntime().addShutdownHook(new Thread(eyrie::close, "eyrie-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("""

                Eyrie is up in {} ms.
                  commands  http://localhost:{}/api   (OpenAPI: /swagger-ui.html)
                  queries   http://localhost:{}/api   (OpenAPI: /swagger-ui.html)
                  runner    http://localhost:{}/api/runner
                  cluster   {}
                  tokens    {}
                  data      {}   (delete it to reset everything)
                Press Ctrl+C to stop.""",
                millis, eyrie.commandPort(), eyrie.queryPort(), eyrie.runnerPort(),
                eyrie.kubernetes == null ? "'local' is SIMULATED: no Kubernetes API is called"
                        : "'local' is SIMULATED: a Kubernetes API double at " + eyrie.kubernetes.apiServer()
                        + ", driven by the real driver; no container runs",
                eyrie.devKeys().map(keys -> keys.tokensFile() + "   (development tokens: root is a platform admin)")
                        .orElse("from the OIDC issuer " + settings.issuerUri()),
                settings.dataDirectory());
    }

    /** Starts the stores and the three services; {@code args} are passed to every service, as Spring arguments. */
    public static EyrieLocal start(LocalSettings settings, String... args) {
        EyrieLocal eyrie = new EyrieLocal();
        try {
            eyrie.boot(settings, args);
            return eyrie;
        } catch (RuntimeException e) {
            eyrie.close();
            throw e;
        }
    }

    private void boot(LocalSettings settings, String[] args) {
        // Logging is global to the JVM: logback.xml configures it once for all three contexts.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        Map<String, Object> shared = new HashMap<>();
        this.shared = shared;
        this.args = args;
        if (settings.eventStoreUrl() == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.persistent(settings.dataDirectory().resolve("postgres"),
                    settings.postgresPort());
            resources.add(postgres);
            eventStoreUrl = postgres.jdbcUrl();
            shared.put("eyrie.eventstore.username", postgres.username());
            shared.put("eyrie.eventstore.password", postgres.password());
        } else {
            eventStoreUrl = settings.eventStoreUrl();
            shared.put("eyrie.eventstore.username", settings.eventStoreUsername());
            shared.put("eyrie.eventstore.password", settings.eventStorePassword());
        }
        shared.put("eyrie.eventstore.url", eventStoreUrl);

        String mongoUri = settings.mongoUri();
        if (mongoUri == null) {
            EmbeddedMongo mongo = EmbeddedMongo.persistent(settings.dataDirectory().resolve("mongo"), settings.mongoPort());
            resources.add(mongo);
            mongoUri = mongo.uri("eyrie");
        }
        // Only the query side reads it, but the driver is on every context's classpath here.
        shared.put("spring.mongodb.uri", mongoUri);

        // The command side registers the one cluster of the local run: the API double, or simulated://local.
        shared.put("eyrie.local.register-cluster", "true");
        if (settings.cluster() == LocalSettings.LocalCluster.KUBERNETES) {
            kubernetes = LocalKubernetes.start(settings.dataDirectory().resolve("local-cluster"),
                    settings.kubernetesPort(), settings.kubeletDelay());
            resources.add(kubernetes);
            shared.put("eyrie.local.cluster.api-server", kubernetes.apiServer());
            shared.put("eyrie.local.cluster.credentials-ref", kubernetes.credentialsRef());
            // Its jobs say they ran on a simulated cluster, although the driver that ran them is the real one.
            shared.put("eyrie.runner.simulated.api-servers", kubernetes.apiServer());
            Path secrets = settings.dataDirectory().resolve("secrets");
            try {
                java.nio.file.Files.createDirectories(secrets);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            shared.put("eyrie.runner.kubernetes.secrets-directory", secrets.toString());
            // The double answers in a millisecond; a real cluster is asked every two seconds.
            shared.put("eyrie.runner.kubernetes.poll-interval", "200ms");
        }

        if (settings.issuerUri() == null) {
            devKeys = DevKeys.ensure(settings.dataDirectory());
            shared.putAll(devKeys.serviceProperties());
        } else {
            shared.put("eyrie.security.issuer-uri", settings.issuerUri());
        }

        // The contexts are independent, so they start in parallel; Flyway's lock serialises the schema migration.
        // Threads made here inherit this thread's class loader, which in the packaged jar is the one that sees the
        // nested jars; the common fork-join pool's threads would not.
        try (var starters = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("eyrie-start-", 1).factory())) {
            var command = CompletableFuture.supplyAsync(() -> run(CommandSideApplication.class, settings.commandPort(), shared, args), starters);
            var query = CompletableFuture.supplyAsync(() -> run(QuerySideApplication.class, settings.queryPort(), shared, args), starters);
            var runner = CompletableFuture.supplyAsync(() -> run(BookRunnerApplication.class, settings.runnerPort(), shared, args), starters);
            try {
                commandSide = command.join();
                querySide = query.join();
                bookRunner = runner.join();
            } catch (RuntimeException e) {
                // Close whichever contexts did start before reporting the failure.
                for (var future : List.of(command, query, runner)) {
                    future.thenAccept(ConfigurableApplicationContext::close);
                }
                throw e;
            }
        }
    }

    private static ConfigurableApplicationContext run(Class<?> application, int port, Map<String, Object> shared,
                                                      String[] args) {
        // As command-line arguments, they outrank the defaults in the service's own properties file.
        Stream<String> local = Stream.concat(shared.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()),
                Stream.of("--server.port=" + port));
        return new SpringApplicationBuilder(application)
                .registerShutdownHook(false)
                .run(Stream.concat(local, Stream.of(args)).toArray(String[]::new));
    }

    public int commandPort() {
        return port(commandSide);
    }

    public int queryPort() {
        return port(querySide);
    }

    public int runnerPort() {
        return port(bookRunner);
    }

    /** The local cluster's API double, for tests that look at what the driver applied. */
    public Optional<io.fabric8.kubernetes.client.KubernetesClient> localCluster() {
        return Optional.ofNullable(kubernetes).map(LocalKubernetes::client);
    }

    /**
     * Another query-side instance on the same stores, on a free port, as a second replica would run: it shares the
     * processors' segments and the rebuild state with the first. The caller closes it.
     */
    public ConfigurableApplicationContext startAnotherQueryInstance() {
        return run(QuerySideApplication.class, 0, shared, args);
    }

    /** For benchmarks and tests that drive a projection replay in-process. */
    public ConfigurableApplicationContext querySideContext() {
        return querySide;
    }

    public ConfigurableApplicationContext commandSideContext() {
        return commandSide;
    }

    public ConfigurableApplicationContext runnerContext() {
        return bookRunner;
    }

    public String eventStoreUrl() {
        return eventStoreUrl;
    }

    /** The development signing key, unless an OIDC issuer is configured. */
    public Optional<DevKeys> devKeys() {
        return Optional.ofNullable(devKeys);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops the services first, then the stores they write to. */
    @Override
    public void close() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{commandSide, bookRunner, querySide}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Could not close {}", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
