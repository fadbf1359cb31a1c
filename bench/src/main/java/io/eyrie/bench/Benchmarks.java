package io.eyrie.bench;

import io.eyrie.local.EyrieLocal;
import io.eyrie.local.LocalSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One benchmark run in one JVM: Eyrie in-process on fresh embedded stores, driven over HTTP on 127.0.0.1.
 * Measures accepted actions per second, action-to-read-model lag (default configuration, then each extra variant
 * in a fresh instance), read-model rebuild speed, and raw JDBC baselines on the same PostgreSQL; prints the
 * results as Markdown and writes them to a file. Every phase is bounded in count and in time, and a watchdog ends
 * the run if it still goes on too long. Exit status 0 if every phase ran, 1 if one failed, 2 if the watchdog fired.
 */
public final class Benchmarks {
    private static final Duration SETUP_LIMIT = Duration.ofSeconds(120);
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(90);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    private static final Duration QUIET_FOR = Duration.ofSeconds(2);
    private static final Duration LAG_LIMIT = Duration.ofSeconds(60);
    private static final Duration REBUILD_LIMIT = Duration.ofSeconds(120);
    private static final Duration RAW_LIMIT = Duration.ofSeconds(30);

    /** Passed to every service, before the extra arguments of {@code eyrie.bench.args} and of a lag variant. */
    private static final List<String> BASE_ARGS = List.of("--eyrie.runner.simulated.step-time=0ms");

    private static final double TARGET_ACTIONS_PER_SECOND = 1_000;
    private static final double TARGET_ACTION_P99_MS = 25;
    private static final double TARGET_LAG_P50_MS = 50;
    private static final double TARGET_LAG_P99_MS = 200;
    private static final double TARGET_REBUILD_PER_SECOND = 20_000;

    private final BenchConfig config;
    private final Report report = new Report();
    private final List<EyrieLocal> running = new CopyOnWriteArrayList<>();
    private final List<Path> dataDirectories = new CopyOnWriteArrayList<>();
    private final List<io.eyrie.platform.local.EmbeddedMongo> inMemoryMongos = new CopyOnWriteArrayList<>();
    private final Object cleanUpLock = new Object();
    private final Object publishLock = new Object();
    private volatile String stage = "start";
    private boolean published;

    private double actionsPerSecond = Double.NaN;
    private double rawInsertsPerSecond = Double.NaN;
    private double rebuildPerSecond = Double.NaN;
    private double rawScanPerSecond = Double.NaN;

    private Benchmarks(BenchConfig config) {
        this.config = config;
    }

    /** A running Eyrie and how long it took to start. */
    private record Instance(EyrieLocal eyrie, long startupNanos) {
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        if ("monitors".equals(System.getProperty("eyrie.bench.suite"))) {
            try {
                new MonitorBench().run();
                System.exit(0);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }
        Benchmarks bench = new Benchmarks(BenchConfig.fromSystemProperties());
        bench.startWatchdog();
        int exit = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            exit = 1;
            bench.report.failed(bench.stage, e);
        } finally {
            bench.cleanUp();
        }
        bench.publish();
        System.exit(exit);
    }

    private void run() throws Exception {
        describeEnvironment();
        boolean defaultLag = config.lagVariants().contains("default");

        stage("start main instance");
        Instance main = start(List.of());
        EyrieLocal eyrie = main.eyrie();
        report.metric("Start-up of EyrieLocal, main instance", Report.millis(main.startupNanos() / 1e6),
                "from the call to its return: embedded PostgreSQL and MongoDB, three Spring contexts");
        EventStoreDb db = new EventStoreDb(eyrie.eventStoreUrl());
        Dashboard dashboard = new Dashboard(eyrie.querySideContext());
        report.setup("Read-model store", "memory".equals(System.getProperty("eyrie.bench.mongo"))
                ? "mongo-java-server, in-memory backend (-Deyrie.bench.mongo=memory)"
                : "mongo-java-server, H2 file backend, as bin/run-local");
        report.setup("Query side: spring.application.name / dashboard processor (default config)",
                eyrie.querySideContext().getEnvironment().getProperty("spring.application.name") + " / " + dashboard.type());
        report.setup("PostgreSQL fsync / synchronous_commit; event table",
                db.setting("fsync") + " / " + db.setting("synchronous_commit") + "; " + db.table());

        try (HttpDriver http = new HttpDriver(eyrie.commandPort(), eyrie.queryPort(),
                eyrie.devKeys().orElseThrow().token(HttpDriver.USER))) {
            stage("setup: create deployments");
            int lagCount = defaultLag ? config.lagWarmup() + config.lagSamples() : 0;
            // The live-stream probe takes as many deployments as the lag probe, after them.
            Fleet fleet = createFleet(http, config.warmupActions() + config.deployments() + 2 * lagCount);
            List<String> ids = fleet.deploymentIds();
            int warmEnd = Math.min(ids.size(), config.warmupActions());
            int loadEnd = Math.min(ids.size(), warmEnd + config.deployments());
            throughput(http, db, dashboard, ids.subList(0, warmEnd), ids.subList(warmEnd, loadEnd));
            int mixedEnd = Math.min(loadEnd, warmEnd + Integer.getInteger("eyrie.bench.mixed-deployments", 500));
            mixed(http, db, dashboard, ids.subList(warmEnd, mixedEnd), fleet.names().subList(warmEnd, mixedEnd));
            longLived(eyrie, ids.get(warmEnd), ids.get(mixedEnd < ids.size() ? mixedEnd : warmEnd + 1));
            if (defaultLag) {
                lag("default", dashboard.type(), http, ids.subList(loadEnd, loadEnd + lagCount));
                live(http, db, ids.subList(loadEnd + lagCount, ids.size()));
            }
        }

        stage("rebuild");
        awaitQuiet(db, dashboard, "before the rebuild");
        rebuild(db, dashboard, eyrie.queryPort(), eyrie.devKeys().orElseThrow().token("root", true));

        stage("raw baselines");
        rawBaselines(db);
        ratios();
        report.setup("System load average (1 min) after the main instance's phases, this run included", loadAverage());

        stage("stop main instance");
        close(eyrie);

        for (String variant : config.lagVariants()) {
            if (!variant.equals("default")) {
                lagInFreshInstance(variant);
            }
        }
    }

    private void describeEnvironment() {
        Runtime runtime = Runtime.getRuntime();
        report.setup("Available processors", runtime.availableProcessors());
        report.setup("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + ")");
        report.setup("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        report.setup("Max heap", (runtime.maxMemory() >> 20) + " MiB");
        report.setup("N: deployments in the throughput phase", config.deployments());
        report.setup("Warm-up actions (separate deployments, not counted)", config.warmupActions());
        report.setup("HTTP clients", config.clients());
        report.setup("M: lag samples per variant (+ not counted warm-up)", config.lagSamples() + " (+" + config.lagWarmup() + ")"
                + (config.lagPauseMillis() > 0 ? ", random pause of up to " + config.lagPauseMillis() + " ms before each" : ", back to back"));
        report.setup("Lag variants", String.join(", ", config.lagVariants()));
        report.setup("Deployments per group", config.groupSize());
        report.setup("Raw insert rows per mode", config.rawRows());
        List<String> args = new ArrayList<>(BASE_ARGS);
        args.addAll(config.extraArgs());
        report.setup("Arguments to every service", String.join(" ", args));
        report.setup("System load average (1 min) at the start", loadAverage());
    }

    private Fleet createFleet(HttpDriver http, int count) throws Exception {
        Fleet fleet = Fleet.create(http, "bench", count, config.groupSize(), config.clients(), deadline(SETUP_LIMIT));
        LoadRunner.Outcome creation = fleet.creation();
        Percentiles p = creation.percentiles();
        report.metric("Setup: deployments created over HTTP", Report.rate(creation.okPerSecond(), "/s"),
                Report.count(creation.ok()) + " in " + fleet.groups() + " groups with " + config.clients() + " clients, "
                        + "p50 " + Report.millis(p.p50()) + ", p99 " + Report.millis(p.p99()) + ", errors " + creation.errors()
                        + errorSamples(creation));
        if (creation.ok() < count) {
            report.note("Only " + creation.ok() + " of " + count + " deployments were created"
                    + (creation.stoppedByDeadline() ? " before the setup time limit" : "") + "; later phases use fewer.");
        }
        return fleet;
    }

    private void throughput(HttpDriver http, EventStoreDb db, Dashboard dashboard, List<String> warmIds,
                            List<String> loadIds) throws Exception {
        stage("warm-up");
        LoadRunner.Outcome warm = LoadRunner.run("warmup", LoadRunner.split(warmIds, config.clients()), 202, false,
                deadline(LOAD_LIMIT), id -> http.act(id, "initialize"));
        report.setup("Warm-up result", warm.ok() + " accepted at " + Report.rate(warm.okPerSecond(), "/s")
                + ", errors " + warm.errors());
        awaitQuiet(db, dashboard, "after the warm-up");

        stage("throughput");
        long eventsBefore = db.count();
        LoadRunner.Outcome load = LoadRunner.run("client", LoadRunner.split(loadIds, config.clients()), 202, false,
                deadline(LOAD_LIMIT), id -> http.act(id, "initialize"));
        actionsPerSecond = load.okPerSecond();
        Percentiles p = load.percentiles();
        String context = Report.count(load.ok()) + " accepted of " + Report.count(loadIds.size()) + " in "
                + Report.seconds(load.wallNanos()) + " by " + config.clients() + " clients"
                + (load.stoppedByDeadline() ? ", STOPPED at the time limit" : "");
        report.metric("Accepted actions/s (POST initialize, HTTP)", Report.rate(actionsPerSecond, "/s"),
                "≥ 1,000/s", actionsPerSecond >= TARGET_ACTIONS_PER_SECOND, context);
        report.metric("Action latency p50", Report.millis(p.p50()), "accepted requests, send to body read");
        report.metric("Action latency p99", Report.millis(p.p99()), "≤ 25 ms", p.p99() <= TARGET_ACTION_P99_MS,
                "max " + Report.millis(p.max()));
        report.metric("Action errors (not 202)", Report.count(load.errors()), "0", load.errors() == 0, errorSamples(load));

        stage("drain");
        Duration drained = awaitQuiet(db, dashboard, "after the throughput phase");
        long appended = db.count() - eventsBefore;
        if (drained != null) {
            report.metric("Background work drained (jobs, their steps, outcomes, read models)", Report.seconds(drained.toNanos()),
                    "time from the end of the load until the last event was appended");
            long untilDone = load.wallNanos() + drained.toNanos();
            report.metric("Actions carried through to the end per second", Report.rate(load.ok() * 1e9 / untilDone, "/s"),
                    "accepted actions ÷ (load + drain time): job scheduled, Book run, action completed, read models updated; "
                            + "what the system sustains, where accepted actions/s only measures the front door");
        }
        if (load.ok() > 0) {
            report.metric("Events appended per accepted action", Report.ratio((double) appended / load.ok()),
                    Report.count(appended) + " events for " + Report.count(load.ok()) + " actions, once the work they set off was done");
        }
    }

    /**
     * The action set under load: the throughput phase's deployments are deployed once, then each is asked, back to
     * back, for a deploy of another version, a partial deploy of its service, a redeploy (which, when its turn
     * comes, finds nothing to change and runs nothing) and a rollback to release 1. All but the first wait in the
     * deployment's queue. Carried through: requests ÷ (load + drain), once every job and read model is done.
     */
    private void mixed(HttpDriver http, EventStoreDb db, Dashboard dashboard, List<String> ids, List<String> names)
            throws Exception {
        stage("mixed: first deploy");
        LoadRunner.Outcome first = LoadRunner.run("deploy", LoadRunner.split(ids, config.clients()), 202, false,
                deadline(LOAD_LIMIT), id -> http.act(id, "deploy"));
        awaitQuiet(db, dashboard, "after the first deploys");
        stage("mixed load");
        // A deployment's four requests go to one client, in order.
        List<List<String[]>> shares = new ArrayList<>();
        int requestCount = 0;
        for (List<Integer> part : LoadRunner.split(java.util.stream.IntStream.range(0, ids.size()).boxed().toList(),
                config.clients())) {
            List<String[]> share = new ArrayList<>();
            for (int i : part) {
                String id = ids.get(i);
                share.add(new String[]{id, "deploy", "{\"image\":\"registry.example.com/bench/odoo:17.1\"}"});
                share.add(new String[]{id, "deploy", "{\"services\":[{\"name\":\"" + names.get(i) + "\",\"replicas\":2}]}"});
                share.add(new String[]{id, "redeploy", ""});
                share.add(new String[]{id, "rollback", "{\"release\":1}"});
            }
            requestCount += share.size();
            shares.add(share);
        }
        long eventsBefore = db.count();
        LoadRunner.Outcome load = LoadRunner.run("mixed", shares, 202, false,
                deadline(LOAD_LIMIT), request -> http.postCommand("/api/deployments/" + request[0] + "/actions/"
                        + request[1], request[2]));
        Duration drained = awaitQuiet(db, dashboard, "after the mixed load");
        long appended = db.count() - eventsBefore;
        String context = Report.count(load.ok()) + " accepted of " + Report.count(requestCount) + " (deploy other "
                + "version, partial deploy, redeploy, rollback per deployment, " + first.ok() + " deployed first) by "
                + config.clients() + " clients" + (load.stoppedByDeadline() ? ", STOPPED at the time limit" : "");
        report.metric("Mixed load: accepted requests/s", Report.rate(load.okPerSecond(), "/s"), context);
        report.metric("Mixed load: errors (not 202)", Report.count(load.errors()), "0", load.errors() == 0,
                errorSamples(load));
        if (drained != null) {
            report.metric("Mixed load: requests carried through to the end per second",
                    Report.rate(load.ok() * 1e9 / (load.wallNanos() + drained.toNanos()), "/s"),
                    "accepted ÷ (load + drain); a redeploy with nothing to change runs no job");
        }
        if (load.ok() > 0) {
            report.metric("Mixed load: events appended per request", Report.ratio((double) appended / load.ok()),
                    Report.count(appended) + " events");
        }
    }

    private void longLived(EyrieLocal eyrie, String longLived, String fresh) {
        stage("long-lived deployment");
        int events = Integer.getInteger("eyrie.bench.long-lived-events", 10_000);
        LongLivedDeployment.Result result = LongLivedDeployment.measure(eyrie.commandSideContext(), longLived, fresh,
                events, 50);
        report.metric("Command on a deployment with " + Report.count(events) + " more events, loaded from the store, p50",
                Report.millis(result.cold().p50()), "a few ms", result.cold().p50() <= 10,
                "a dry run of a deploy (loads and decides, records nothing), cache emptied before each; p99 "
                        + Report.millis(result.cold().p99()) + "; snapshots every 200 events");
        report.metric("The same, the deployment in memory, p50", Report.millis(result.warm().p50()),
                "p99 " + Report.millis(result.warm().p99()));
        report.metric("The same on a deployment with a few events, loaded from the store, p50",
                Report.millis(result.freshCold().p50()), "p99 " + Report.millis(result.freshCold().p99()));
    }

    private Duration awaitQuiet(EventStoreDb db, Dashboard dashboard, String when) throws Exception {
        Duration drained = dashboard.awaitQuiet(db, QUIET_FOR, DRAIN_LIMIT);
        if (drained == null) {
            report.note("The event store did not go quiet within " + DRAIN_LIMIT.toSeconds() + " s " + when
                    + "; the next phase ran while work was still under way.");
        }
        return drained;
    }

    private void lag(String variant, String processorType, HttpDriver http, List<String> ids) throws Exception {
        stage("lag, " + variant);
        LagProbe.Result result = LagProbe.measure(http, ids, config.lagWarmup(), config.lagPauseMillis(),
                deadline(LAG_LIMIT));
        Percentiles p = result.percentiles();
        String label = "Lag action → read model, " + variant + " (" + processorType + ")";
        String context = p.count() + " samples, " + result.timeouts() + " timeouts (> 5 s), " + result.errors()
                + " errors, " + Report.count(result.polls()) + " polls"
                + (result.stoppedByDeadline() ? ", STOPPED at the time limit" : "");
        report.metric(label + " p50", Report.millis(p.p50()), "≤ 50 ms", p.p50() <= TARGET_LAG_P50_MS, context);
        report.metric(label + " p99", Report.millis(p.p99()), "≤ 200 ms", p.p99() <= TARGET_LAG_P99_MS, "");
        report.metric(label + " max", Report.millis(p.max()), p.countAbove(TARGET_LAG_P99_MS) + " of " + p.count()
                + " samples over " + Report.millis(TARGET_LAG_P99_MS));
    }

    private void live(HttpDriver http, EventStoreDb db, List<String> ids) throws Exception {
        stage("live stream");
        LiveProbe.Result result = LiveProbe.measure(http, db, ids, config.lagWarmup(), deadline(LAG_LIMIT));
        Percentiles fromEvent = Percentiles.of(result.fromEvent());
        Percentiles fromAnswer = Percentiles.of(result.fromAnswer());
        String context = fromEvent.count() + " samples, " + result.timeouts() + " timeouts (> 5 s), " + result.errors()
                + " errors" + (result.stoppedByDeadline() ? ", STOPPED at the time limit" : "")
                + "; a stream per deployment, its card awaited, then an initialize; from the event's timestamp "
                + "(made just before it was stored) to the frame naming the new job, same clock";
        report.metric("Live stream: event → SSE client p50", Report.millis(fromEvent.p50()), context);
        report.metric("Live stream: event → SSE client p99", Report.millis(fromEvent.p99()),
                "max " + Report.millis(fromEvent.max()));
        report.metric("Live stream: command answer → SSE client p50", Report.millis(fromAnswer.p50()),
                "p99 " + Report.millis(fromAnswer.p99()) + "; comparable with the polled lag above");
    }

    private void lagInFreshInstance(String variant) throws Exception {
        stage("start " + variant + " instance");
        String mode = "--eyrie.read-models.processor=" + variant;
        Instance instance = start(List.of(mode));
        EyrieLocal eyrie = instance.eyrie();
        report.metric("Start-up of EyrieLocal, " + variant + " instance", Report.millis(instance.startupNanos() / 1e6),
                "extra argument " + mode);
        try (HttpDriver http = new HttpDriver(eyrie.commandPort(), eyrie.queryPort(),
                eyrie.devKeys().orElseThrow().token(HttpDriver.USER))) {
            EventStoreDb db = new EventStoreDb(eyrie.eventStoreUrl());
            Dashboard dashboard = new Dashboard(eyrie.querySideContext());
            stage("setup, " + variant + " instance");
            int wanted = config.lagWarmup() + config.lagSamples();
            Fleet fleet = Fleet.create(http, "bench", wanted, config.groupSize(), config.clients(), deadline(SETUP_LIMIT));
            if (fleet.deploymentIds().size() < wanted) {
                report.note("The " + variant + " instance created only " + fleet.deploymentIds().size() + " of " + wanted
                        + " deployments" + errorSamples(fleet.creation()));
            }
            awaitQuiet(db, dashboard, "after creating the " + variant + " instance's deployments");
            lag(variant, dashboard.type(), http, fleet.deploymentIds());
        } finally {
            close(eyrie);
        }
    }

    private void rebuild(EventStoreDb db, Dashboard dashboard, int queryPort, String adminToken) throws Exception {
        Dashboard.Rebuild rebuild = dashboard.rebuild(db, REBUILD_LIMIT, queryPort, adminToken);
        String context = Report.count(rebuild.events()) + " events (every event in the store; the projections skip "
                + "those they have no handler for) in " + Report.seconds(rebuild.nanos()) + ", " + dashboard.type();
        if (rebuild.caughtUp()) {
            rebuildPerSecond = rebuild.eventsPerSecond();
            report.metric("Read-model rebuild (all read models, beside the live ones, to the switch)", Report.rate(rebuildPerSecond, "events/s"),
                    "≥ 20,000 events/s", rebuildPerSecond >= TARGET_REBUILD_PER_SECOND, context);
        } else {
            report.metric("Read-model rebuild (all read models, beside the live ones, to the switch)",
                    "not caught up after " + REBUILD_LIMIT.toSeconds() + " s", "≥ 20,000 events/s", false, context);
        }
    }

    private void rawBaselines(EventStoreDb db) throws Exception {
        RawBaselines raw = new RawBaselines(db);
        for (RawBaselines.Inserts inserts : raw.inserts(config.rawRows(), config.clients(), deadline(RAW_LIMIT))) {
            String how = inserts.threads() == 1 ? "sequential" : inserts.threads() + " threads";
            report.metric("Raw single-row JDBC inserts, " + how, Report.rate(inserts.rowsPerSecond(), "rows/s"),
                    Report.count(inserts.rows()) + " copies of real event rows, one per statement, autocommit"
                            + (inserts.stoppedByDeadline() ? ", STOPPED at the time limit" : ""));
            if (inserts.threads() > 1) {
                rawInsertsPerSecond = inserts.rowsPerSecond();
            }
        }
        RawBaselines.Scan first = raw.scan(deadline(RAW_LIMIT));
        RawBaselines.Scan second = raw.scan(deadline(RAW_LIMIT));
        rawScanPerSecond = second.rowsPerSecond();
        report.metric("Raw scan + Jackson deserialize of the event table", Report.rate(rawScanPerSecond, "events/s"),
                Report.count(second.rows()) + " rows, fetch size 1000; second pass (first, with a cold mapper: "
                        + Report.rate(first.rowsPerSecond(), "events/s") + ")"
                        + (second.unknownTypes() > 0 ? "; " + second.unknownTypes() + " rows of unknown payload types not deserialized" : "")
                        + (second.stoppedByDeadline() ? ", STOPPED at the time limit" : ""));
    }

    private void ratios() {
        report.metric("Ratio: actions/s ÷ raw insert rows/s (" + config.clients() + " threads)",
                Report.ratio(actionsPerSecond / rawInsertsPerSecond),
                "an accepted action appends at least one event row before its 202, and its job, steps and outcome append more after");
        report.metric("Ratio: rebuild events/s ÷ raw scan events/s", Report.ratio(rebuildPerSecond / rawScanPerSecond),
                "what the processor, the projections and the MongoDB-protocol store cost over reading the rows");
    }

    private Instance start(List<String> extraArgs) throws IOException {
        Path directory = Files.createTempDirectory("eyrie-bench-");
        dataDirectories.add(directory);
        List<String> args = new ArrayList<>(BASE_ARGS);
        args.addAll(config.extraArgs());
        args.addAll(extraArgs);
        // LocalSettings.from(...) is package-private; this is what from(name -> null) gives, with random ports and
        // the purely simulated cluster, so that the figures measure Eyrie and not the Kubernetes API double.
        // -Deyrie.bench.mongo=memory: mongo-java-server's in-memory backend instead of the H2 file run-local uses, to
        // tell the read models' own cost from that file's.
        String mongoUri = null;
        if ("memory".equals(System.getProperty("eyrie.bench.mongo"))) {
            io.eyrie.platform.local.EmbeddedMongo memory = io.eyrie.platform.local.EmbeddedMongo.inMemory();
            inMemoryMongos.add(memory);
            mongoUri = memory.uri("eyrie");
        }
        LocalSettings settings = new LocalSettings(directory, 0, 0, 0, 0, 0, null, "eyrie", "eyrie", mongoUri, null,
                LocalSettings.LocalCluster.SIMULATED, 0, java.time.Duration.ZERO);
        long started = System.nanoTime();
        EyrieLocal eyrie = EyrieLocal.start(settings, args.toArray(String[]::new));
        long startup = System.nanoTime() - started;
        running.add(eyrie);
        return new Instance(eyrie, startup);
    }


    private void close(EyrieLocal eyrie) {
        if (running.remove(eyrie)) {
            eyrie.close();
        }
    }

    private void stage(String name) {
        stage = name;
        System.out.println("[bench] " + Instant.now() + " " + name);
    }

    /** Other processes on the machine compete for the same cores, and skew every figure. */
    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static Instant deadline(Duration limit) {
        return Instant.now().plus(limit);
    }

    private static String errorSamples(LoadRunner.Outcome outcome) {
        return outcome.errorSamples().isEmpty() ? "" : "; e.g. " + String.join(" / ", outcome.errorSamples());
    }

    /** Stops whatever still runs and deletes the data directories. Safe to call twice. */
    private void cleanUp() {
        synchronized (cleanUpLock) {
            for (EyrieLocal eyrie : running) {
                try {
                    close(eyrie);
                } catch (RuntimeException e) {
                    System.err.println("[bench] could not stop Eyrie: " + e);
                }
            }
            for (io.eyrie.platform.local.EmbeddedMongo memory : inMemoryMongos) {
                memory.close();
            }
            inMemoryMongos.clear();
            for (Path directory : dataDirectories) {
                deleteRecursively(directory);
                dataDirectories.remove(directory);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("[bench] could not delete " + directory + ": " + e);
        }
    }

    private void publish() {
        synchronized (publishLock) {
            if (published) {
                return;
            }
            published = true;
            String markdown = report.markdown();
            System.out.println();
            System.out.println(markdown);
            try {
                report.write(config.output());
                System.out.println("[bench] written to " + config.output());
            } catch (IOException e) {
                System.err.println("[bench] could not write " + config.output() + ": " + e);
            }
            System.out.flush();
        }
    }

    /** Ends a run that overruns {@code maxRuntime}: reports what it has, stops Eyrie (briefly), and halts. */
    private void startWatchdog() {
        Thread.ofPlatform().daemon().name("bench-watchdog").start(() -> {
            try {
                Thread.sleep(config.maxRuntime().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            report.failed(stage, new TimeoutException("the run exceeded eyrie.bench.max-minutes ("
                    + config.maxRuntime().toMinutes() + " min)"));
            Thread closer = Thread.ofPlatform().daemon().name("bench-watchdog-cleanup").start(this::cleanUp);
            try {
                closer.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            publish();
            Runtime.getRuntime().halt(2);
        });
    }
}
