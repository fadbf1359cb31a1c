package io.eyrie.commandside.book;

import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.ScheduleBookJob;
import io.eyrie.api.deployment.Action;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;

class BookJobTest {

    @Test
    void schedulesAJobForRunners() {
        new AggregateTestFixture<>(BookJob.class)
                .givenNoPriorActivity()
                .when(new ScheduleBookJob(job("j1"), deployment("d-1"), ACME_PROJECT, Action.DEPLOY, "odoo.deploy", "shop:1"))
                .expectEvents(new BookJobScheduled(job("j1"), deployment("d-1"), ACME_PROJECT, Action.DEPLOY, "odoo.deploy", "shop:1"));
    }
}
