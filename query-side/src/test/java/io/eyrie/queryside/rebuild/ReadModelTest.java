package io.eyrie.queryside.rebuild;

import io.eyrie.queryside.DashboardProcessing;
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
                .filter(type -> DashboardProcessing.GROUP.equals(type.getAnnotation(ProcessingGroup.class).value()))
                .toList();
        assertThat(projections).hasSizeGreaterThan(5);
        assertThat(projections).allSatisfy(type -> assertThat(ReadModel.of(type)).as(type.getName()).isPresent());
        assertThat(Arrays.stream(ReadModel.values()).map(ReadModel::projection).toList())
                .containsExactlyInAnyOrderElementsOf(projections);
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
