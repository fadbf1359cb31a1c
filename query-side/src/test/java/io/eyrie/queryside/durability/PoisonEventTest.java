package io.eyrie.queryside.durability;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectRenamed;
import io.eyrie.platform.local.EmbeddedMongo;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static io.eyrie.api.TestEvents.projectCreated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event a projection cannot handle goes to the dead-letter queue, where a platform admin sees it, and the later
 * events of its aggregate wait behind it, in order; the dashboards go on with every other event, and once the cause
 * is fixed a retry projects what waited. (The other projections of the refused event have already applied it:
 * they are idempotent, so handling it again changes nothing.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class PoisonEventTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private WebTestClient http;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.mongodb.uri", () -> MONGO.uri("eyrie"));
    }

    @TestConfiguration
    static class Stores {
        @Bean(destroyMethod = "close")
        EmbeddedPostgres eventStoreDatabase() {
            return POSTGRES;
        }

        @Bean(destroyMethod = "close")
        EmbeddedMongo readModelDatabase() {
            return MONGO;
        }

        @Bean
        Fussy fussy() {
            return new Fussy();
        }
    }

    /** A projection with a bug: it cannot handle the project "poison" until it is fixed. */
    @ProcessingGroup("dashboard-catalog")
    static class Fussy {
        volatile boolean fixed;

        @EventHandler
        void on(ProjectCreated event) {
            if (!fixed && event.project().value().equals("poison")) {
                throw new IllegalStateException("cannot handle the project poison");
            }
        }
    }

    @Autowired
    private Fussy fussy;

    @Test
    void aPoisonEventIsDeadLetteredVisibleAndRetriedWhileTheDashboardsGoOn() {
        publish(projectCreated("poison", "alice"), 0);
        publish(new ProjectRenamed(new ProjectId("poison"), "Renamed", "POISON"), 1);
        publish(projectCreated("fine", "alice"), 0);

        await("/api/projects/fine", "alice", 200);
        WebTestClient.ResponseSpec letters = as("root").get().uri("/api/dead-letters").exchange();
        letters.expectStatus().isOk().expectBody()
                .jsonPath("$.processors[?(@ == 'dashboard-catalog')]").exists()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].processor").isEqualTo("dashboard-catalog")
                .jsonPath("$.items[0].eventType").isEqualTo(ProjectCreated.class.getName())
                .jsonPath("$.items[0].aggregate").isEqualTo("project:poison")
                .jsonPath("$.items[0].causeType").isEqualTo(IllegalStateException.class.getName())
                .jsonPath("$.items[0].causeMessage").isEqualTo("cannot handle the project poison");
        as("alice").get().uri("/api/projects/poison").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("POISON");
        as("alice").get().uri("/api/dead-letters").exchange().expectStatus().isForbidden();

        as("root").post().uri("/api/dead-letters/dashboard-catalog/retry").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.retried").isEqualTo(0).jsonPath("$.remaining").isEqualTo(2);
        fussy.fixed = true;
        as("root").post().uri("/api/dead-letters/dashboard-catalog/retry").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.retried").isEqualTo(1).jsonPath("$.remaining").isEqualTo(0);

        as("alice").get().uri("/api/projects/poison").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Renamed");
        as("root").post().uri("/api/dead-letters/unknown/retry").exchange().expectStatus().isNotFound();
    }

    private void publish(Object event, long sequence) {
        ProjectId project = event instanceof ProjectCreated created ? created.project() : ((ProjectRenamed) event).project();
        eventStore.publish(new GenericDomainEventMessage<>("Project", project.toString(), sequence, event,
                MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "c-poison")));
    }

    private WebTestClient as(String user) {
        return http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION,
                "Bearer " + KEYS.token(user, user.equals("root"))).build();
    }

    private void await(String uri, String user, int status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last;
        do {
            last = as(user).get().uri(uri).exchange().returnResult(String.class).getStatus().value();
            if (last == status) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        assertThat(last).as("GET " + uri).isEqualTo(status);
    }
}
