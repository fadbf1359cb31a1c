package io.eyrie.queryside.rebuild;

import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.project.ProjectId;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-model table names every dashboard projection, and every collection belongs to exactly one of them. */
class ReadModelTest {

    @Test
    void everyDashboardProjectionIsARebuildableReadModel() throws Exception {
        List<Class<?>> projections = scan(ProcessingGroup.class).stream()
                .filter(type -> type.getAnnotation(ProcessingGroup.class).value()
                        .startsWith(ReadModel.PROCESSOR_PREFIX))
                .toList();
        assertThat(projections).hasSizeGreaterThan(5);
        assertThat(projections).allSatisfy(type -> assertThat(ReadModel.of(type)).as(type.getName()).isPresent());
        assertThat(Arrays.stream(ReadModel.values()).map(ReadModel::projection).toList())
                .containsExactlyInAnyOrderElementsOf(projections);
    }

    /** Read models fed by one processor share its key; the rebuild processors' names are no live one's. */
    @Test
    void theReadModelsOfOneProcessorShareItsKey() {
        assertThat(ReadModel.processors()).containsExactly("dashboard-deployments", "dashboard-jobs",
                "dashboard-catalog").doesNotContainAnyElementsOf(new RebuildLanes(3).all());
        for (String processor : ReadModel.processors()) {
            List<ReadModel> fed = ReadModel.fedBy(processor);
            assertThat(fed).as(processor).allSatisfy(model -> {
                assertThat(model.key()).isEqualTo(fed.getFirst().key());
                assertThat(model.sequencing()).isSameAs(fed.getFirst().sequencing());
            });
        }
        assertThat(ReadModel.fedBy("dashboard-deployments"))
                .containsExactly(ReadModel.CARDS, ReadModel.RELEASES, ReadModel.VERSIONS, ReadModel.MONITORS);
    }

    /** Each read model is built by one rebuild processor, the busiest ones by different ones. */
    @Test
    void theRebuildLanesShareTheReadModelsOut() {
        RebuildLanes lanes = new RebuildLanes(2);
        assertThat(lanes.all()).containsExactly("dashboard-rebuild-0", "dashboard-rebuild-1");
        assertThat(lanes.all().stream().flatMap(lane -> lanes.models(lane).stream()).toList())
                .containsExactlyInAnyOrder(ReadModel.values());
        assertThat(lanes.of(ReadModel.CARDS)).isNotEqualTo(lanes.of(ReadModel.RELEASES));
        assertThat(lanes.of(ReadModel.VERSIONS)).isNotEqualTo(lanes.of(ReadModel.JOBS));
        assertThat(lanes.of(List.of(ReadModel.CARDS, ReadModel.VERSIONS))).containsExactly(lanes.of(ReadModel.CARDS));
        assertThat(new RebuildLanes(1).of(List.of(ReadModel.values()))).containsExactly("dashboard-rebuild-0");
    }

    /**
     * A read model split between segments must find its document's key in every event it handles: one that fell
     * back to its aggregate could be handled on another segment than the document's other events, by another writer.
     */
    @Test
    void aSplitReadModelFindsItsKeyInEveryEventItHandles() {
        List<ReadModel> split = Arrays.stream(ReadModel.values()).filter(model -> model.key().isPresent()).toList();
        assertThat(split).contains(ReadModel.CARDS, ReadModel.JOBS);
        for (ReadModel model : split) {
            List<Class<?>> handled = Arrays.stream(model.projection().getMethods())
                    .filter(method -> method.isAnnotationPresent(EventHandler.class))
                    .map(method -> method.getParameterTypes()[0]).distinct().toList();
            assertThat(handled).as(model.modelName()).isNotEmpty()
                    .allSatisfy(type -> assertThat(model.key().orElseThrow().names(type))
                            .as(model.modelName() + " finds its key in " + type.getSimpleName()).isTrue());
        }
    }

    @Test
    void eventsOfOneDocumentShareASequenceWhateverTheirAggregate() {
        JobId job = JobId.random();
        DeploymentId deployment = DeploymentId.random();
        var started = new GenericDomainEventMessage<>("job", job.value(), 0,
                new JobStarted(job, deployment, "runner", "driver", true));
        var recorded = new GenericDomainEventMessage<>("deployment", deployment.value(), 3,
                new ReleaseRecorded(deployment, new ProjectId("acme"), release(job)));
        assertThat(ReadModel.JOBS.sequencing().getSequenceIdentifierFor(started)).isEqualTo(job.value());
        assertThat(ReadModel.JOBS.sequencing().getSequenceIdentifierFor(recorded)).isEqualTo(job.value());
        assertThat(ReadModel.CARDS.sequencing().getSequenceIdentifierFor(started)).isEqualTo(deployment.value());
        assertThat(ReadModel.CARDS.sequencing().getSequenceIdentifierFor(recorded)).isEqualTo(deployment.value());
    }

    @Test
    void everyReadModelCollectionHasOneOwner() throws Exception {
        List<String> collections = scan(Document.class).stream()
                .map(type -> type.getAnnotation(Document.class).value())
                .filter(name -> !name.equals(ReadModelState.COLLECTION))
                .toList();
        assertThat(Arrays.stream(ReadModel.values()).flatMap(model -> model.collections().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(collections);
    }

    @Test
    void theFirstGenerationKeepsTheOldNames() {
        assertThat(ReadModel.collection("jobs", 0)).isEqualTo("jobs");
        assertThat(ReadModel.collection("jobs", 3)).isEqualTo("jobs_g3");
    }

    private static Release release(JobId job) {
        return new Release(1, List.of(), null, null, null, job, null);
    }

    /** The main code's classes: test fixtures are nested in test classes. */
    private static List<Class<?>> scan(Class<? extends java.lang.annotation.Annotation> annotation)
            throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        List<Class<?>> found = new java.util.ArrayList<>();
        for (var definition : scanner.findCandidateComponents("io.eyrie.queryside")) {
            if (!definition.getBeanClassName().contains("Test")) {
                found.add(Class.forName(definition.getBeanClassName()));
            }
        }
        return found;
    }
}
