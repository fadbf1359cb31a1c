package io.eyrie.monitor;

import io.eyrie.api.TestEvents;
import io.eyrie.api.monitor.ChangeMonitor;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorChecksStarted;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorReport;
import io.eyrie.api.monitor.MonitorRules;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.monitor.RemoveMonitor;
import io.eyrie.api.monitor.ReportMonitorState;
import io.eyrie.api.monitor.WatchMonitor;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.monitor;

class MonitorTest {
    private static final MonitorId ID = monitor("web");
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final MonitorSpec SPEC = MonitorRules.withDefaults(new MonitorSpec(MonitorType.HTTP_REQUEST, "web",
            null, null, "https://shop.example.com/health", null, null, null, null, null, null, null, null, null), null);
    private static final MonitorCreated CREATED = created(true);
    private static final MonitorStateChanged WENT_OK = new MonitorStateChanged(ID, deployment("d-1"),
            MonitorState.UNKNOWN, MonitorState.OK, "status 200 in 12 ms", "runner-a", AT);

    private AggregateTestFixture<Monitor> fixture;

    private static MonitorCreated created(boolean checking) {
        return new MonitorCreated(ID, deployment("d-1"), ACME_PROJECT, group("web"), "dev", SPEC,
                TestEvents.target("shop", "nginx:1.27"), checking);
    }

    private static ReportMonitorState report(int generation, MonitorState state, String reason) {
        return new ReportMonitorState(ID, generation, state, reason, "runner-a", AT);
    }

    private static MonitorSpec change() {
        return new MonitorSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Monitor.class);
        fixture.registerAnnotatedCommandHandler(new Creator(fixture.getRepository()));
    }

    /** Monitors are made by deployments; this stands in for one. */
    record Create(MonitorCreated created) {
    }

    record Creator(Repository<Monitor> monitors) {
        @CommandHandler
        void handle(Create command) throws Exception {
            monitors.newInstance(() -> new Monitor(command.created()));
        }
    }

    @Nested
    class Creating {
        @Test
        void aValidSpecIsRecorded() {
            fixture.givenNoPriorActivity().when(new Create(CREATED)).expectEvents(CREATED);
        }

        @Test
        void anInvalidSpecIsRefusedEvenFromTheDeployment() {
            MonitorSpec bad = SPEC.with(new MonitorSpec(null, null, 5, null, null, null, null, null, null, null, null,
                    null, null, null));
            fixture.givenNoPriorActivity()
                    .when(new Create(new MonitorCreated(ID, deployment("d-1"), ACME_PROJECT, group("web"), "dev", bad,
                            CREATED.target(), true)))
                    .expectException(MonitorSpecException.class).expectNoEvents();
        }
    }

    @Nested
    class Reporting {
        @Test
        void aNewStateIsRecordedWithItsReasonAndRunner() {
            fixture.given(CREATED).when(report(0, MonitorState.OK, "status 200 in 12 ms"))
                    .expectEvents(WENT_OK).expectResultMessagePayload(MonitorReport.RECORDED);
        }

        @Test
        void theSameStateAgainChangesNothing() {
            fixture.given(CREATED, WENT_OK).when(report(0, MonitorState.OK, "status 200 in 9 ms"))
                    .expectNoEvents().expectResultMessagePayload(MonitorReport.UNCHANGED);
        }

        @Test
        void errorAfterOkSaysFromWhichState() {
            fixture.given(CREATED, WENT_OK).when(report(0, MonitorState.ERROR, "3 failures: connection refused"))
                    .expectEvents(new MonitorStateChanged(ID, deployment("d-1"), MonitorState.OK, MonitorState.ERROR,
                            "3 failures: connection refused", "runner-a", AT));
        }

        @Test
        void aReportFromAnEarlierGenerationIsStale() {
            fixture.given(CREATED, new MonitorChanged(ID, deployment("d-1"), SPEC, 1))
                    .when(report(0, MonitorState.ERROR, "timed out"))
                    .expectNoEvents().expectResultMessagePayload(MonitorReport.STALE);
        }

        @Test
        void aReportWhileChecksAreStoppedIsStale() {
            fixture.given(created(false)).when(report(0, MonitorState.OK, "status 200"))
                    .expectNoEvents().expectResultMessagePayload(MonitorReport.STALE);
        }

        @Test
        void aReportForARemovedMonitorIsStale() {
            fixture.given(CREATED, new MonitorRemoved(ID, deployment("d-1"), "web"))
                    .when(report(0, MonitorState.OK, "status 200"))
                    .expectNoEvents().expectResultMessagePayload(MonitorReport.STALE);
        }
    }

    @Nested
    class Watching {
        @Test
        void stoppingMakesTheStateUnknownAndSaysWhy() {
            fixture.given(CREATED, WENT_OK).when(new WatchMonitor(ID, false, "deployment paused"))
                    .expectEvents(new MonitorChecksStopped(ID, deployment("d-1"), MonitorState.OK, "deployment paused"));
        }

        @Test
        void startingBeginsANewGeneration() {
            fixture.given(created(false)).when(new WatchMonitor(ID, true, "release 2 deployed"))
                    .expectEvents(new MonitorChecksStarted(ID, deployment("d-1"), "release 2 deployed", 1));
        }

        @Test
        void aCheckTakenBeforeAPauseCannotUndoIt() {
            fixture.given(CREATED, new MonitorChecksStopped(ID, deployment("d-1"), MonitorState.UNKNOWN, "paused"),
                            new MonitorChecksStarted(ID, deployment("d-1"), "deployed", 1))
                    .when(report(0, MonitorState.ERROR, "connection refused"))
                    .expectNoEvents().expectResultMessagePayload(MonitorReport.STALE);
        }

        @Test
        void askingForWhatIsAlreadySoChangesNothing() {
            fixture.given(CREATED).when(new WatchMonitor(ID, true, "deployed")).expectNoEvents();
        }

        @Test
        void aRemovedMonitorIgnoresItsDeployment() {
            fixture.given(CREATED, new MonitorRemoved(ID, deployment("d-1"), "web"))
                    .when(new WatchMonitor(ID, false, "paused")).expectNoEvents().expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Changing {
        @Test
        void aChangeRecordsTheWholeSpecUnderANewGeneration() {
            MonitorSpec slower = SPEC.with(new MonitorSpec(null, null, 60, null, null, null, null, null, null, null,
                    null, null, null, null));
            fixture.given(CREATED).when(new ChangeMonitor(ID, slower))
                    .expectEvents(new MonitorChanged(ID, deployment("d-1"), slower, 1));
        }

        @Test
        void aChangeThatChangesNothingRecordsNothing() {
            fixture.given(CREATED).when(new ChangeMonitor(ID, change())).expectNoEvents();
        }

        @Test
        void theTypeCannotChange() {
            MonitorSpec resource = new MonitorSpec(MonitorType.RESOURCE, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
            fixture.given(CREATED).when(new ChangeMonitor(ID, resource))
                    .expectException(MonitorSpecException.class).expectNoEvents();
        }

        @Test
        void aChangeTheRulesRejectIsRefusedWithTheField() {
            MonitorSpec metadata = new MonitorSpec(null, null, null, null, "http://169.254.169.254/latest/meta-data",
                    null, null, null, null, null, null, null, null, null);
            fixture.given(CREATED).when(new ChangeMonitor(ID, metadata))
                    .expectException(MonitorSpecException.class)
                    .expectExceptionMessage("Invalid value for: url").expectNoEvents();
        }

        @Test
        void aRemovedMonitorIsNotFound() {
            fixture.given(CREATED, new MonitorRemoved(ID, deployment("d-1"), "web"))
                    .when(new ChangeMonitor(ID, change())).expectException(NotFoundException.class);
        }
    }

    @Nested
    class Removing {
        @Test
        void removingRecordsItsName() {
            fixture.given(CREATED).when(new RemoveMonitor(ID))
                    .expectEvents(new MonitorRemoved(ID, deployment("d-1"), "web"));
        }

        @Test
        void removingTwiceIsNotFound() {
            fixture.given(CREATED, new MonitorRemoved(ID, deployment("d-1"), "web"))
                    .when(new RemoveMonitor(ID)).expectException(NotFoundException.class);
        }
    }
}
