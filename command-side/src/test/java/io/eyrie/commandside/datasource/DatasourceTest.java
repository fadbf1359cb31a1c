package io.eyrie.commandside.datasource;

import io.eyrie.api.datasource.ChangeDatasource;
import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceChanged;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.datasource.DatasourceRegistered;
import io.eyrie.api.datasource.DatasourceRemoved;
import io.eyrie.api.datasource.DatasourceUsage;
import io.eyrie.api.datasource.RemoveDatasource;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eyrie.api.TestIds.uuid;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DatasourceTest {
    private static final DatasourceId ID = new DatasourceId(uuid("backups"));
    private static final ProjectId ACME = new ProjectId("acme");
    private static final DatasourceRegistered REGISTERED = new DatasourceRegistered(ID, ACME, "backups", DataType.S3LIKE,
            DatasourceUsage.REMOTE_BACKUP, "s3://acme-backups/eyrie", "secret://acme/backups#key");

    private AggregateTestFixture<Datasource> fixture;
    private Directory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Datasource.class);
        directory = mock(Directory.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aChangeIsRecordedOnlyWhenSomethingDiffers() {
        fixture.given(REGISTERED).when(new ChangeDatasource(ID, "s3://acme-backups/v2", null))
                .expectEvents(new DatasourceChanged(ID, ACME, "s3://acme-backups/v2", "secret://acme/backups#key"));
        fixture.given(REGISTERED).when(new ChangeDatasource(ID, null, null)).expectNoEvents();
    }

    @Test
    void aDatasourceAScopeBacksUpToIsNotRemoved() {
        when(directory.scopesBackingUpTo(ID)).thenReturn(1L);
        fixture.given(REGISTERED).when(new RemoveDatasource(ID))
                .expectNoEvents().expectException(GroupRuleException.class);
        when(directory.scopesBackingUpTo(ID)).thenReturn(0L);
        fixture.given(REGISTERED).when(new RemoveDatasource(ID)).expectEvents(new DatasourceRemoved(ID, ACME, "backups"));
        fixture.given(REGISTERED, new DatasourceRemoved(ID, ACME, "backups")).when(new ChangeDatasource(ID, "s3://x/y", null))
                .expectNoEvents().expectException(NotFoundException.class);
    }
}
