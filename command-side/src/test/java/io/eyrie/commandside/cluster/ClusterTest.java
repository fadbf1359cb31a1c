package io.eyrie.commandside.cluster;

import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ChangeCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterChanged;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterRegistered;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterStateChanged;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ClusterTest {
    private static final ClusterId EU = new ClusterId("eu-1");
    private static final ClusterRegistered REGISTERED =
            new ClusterRegistered(EU, "uid-1", "EU 1", "https://eu-1.example.com:6443", "kubeconfig:/etc/eyrie/eu-1");
    /** A way to reach each state from draft, following the table. */
    private static final Map<ClusterState, List<ClusterAction>> PATHS = Map.of(
            ClusterState.DRAFT, List.of(),
            ClusterState.INIT, List.of(ClusterAction.INIT),
            ClusterState.ACTIVE, List.of(ClusterAction.INIT, ClusterAction.ACTIVATE),
            ClusterState.TRANSITIONING, List.of(ClusterAction.INIT, ClusterAction.ACTIVATE, ClusterAction.TRANSITION),
            ClusterState.CANCEL, List.of(ClusterAction.CANCEL),
            ClusterState.DELETE, List.of(ClusterAction.DELETE));

    private AggregateTestFixture<Cluster> fixture;
    private Directory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cluster.class);
        directory = mock(Directory.class);
        fixture.registerInjectableResource(directory);
    }

    private static List<Object> reaching(ClusterState state) {
        List<Object> history = new ArrayList<>(List.of(REGISTERED));
        ClusterState current = ClusterState.DRAFT;
        for (ClusterAction action : PATHS.get(state)) {
            history.add(new ClusterStateChanged(EU, action, current, action.target()));
            current = action.target();
        }
        return history;
    }

    static Stream<Arguments> everyStateAndAction() {
        return Stream.of(ClusterState.values())
                .flatMap(state -> Stream.of(ClusterAction.values()).map(action -> Arguments.of(state, action)));
    }

    /** Generated from the {@link ClusterAction} table. */
    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStateAndAction")
    void anActionIsAcceptedExactlyWhenTheTableAllowsIt(ClusterState state, ClusterAction action) {
        var then = fixture.given(reaching(state)).when(new ActOnCluster(EU, action));
        if (action.allowedFrom(state)) {
            then.expectEvents(new ClusterStateChanged(EU, action, state, action.target()));
        } else {
            then.expectNoEvents().expectException(ClusterActionRefusedException.class);
        }
    }

    @Test
    void aClusterInUseIsNotDeleted() {
        when(directory.lockClusterUsage(EU)).thenReturn(3L);
        fixture.given(reaching(ClusterState.CANCEL)).when(new ActOnCluster(EU, ClusterAction.DELETE))
                .expectNoEvents().expectException(ClusterActionRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("still used by 3"));
    }

    @Test
    void aClusterIsRegisteredInDraftAndChangedOnlyWhenSomethingDiffers() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCluster(EU, "uid-1", "EU 1", "https://eu-1.example.com:6443", "kubeconfig:/etc/eyrie/eu-1"))
                .expectEvents(REGISTERED);
        fixture.given(REGISTERED).when(new ChangeCluster(EU, null, "in-cluster"))
                .expectEvents(new ClusterChanged(EU, "https://eu-1.example.com:6443", "in-cluster"));
        fixture.given(REGISTERED).when(new ChangeCluster(EU, null, null)).expectNoEvents();
    }
}
