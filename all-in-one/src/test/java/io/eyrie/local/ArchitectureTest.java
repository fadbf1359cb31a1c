package io.eyrie.local;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.mapping.Document;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The shape the README promises, checked on the compiled code of every module. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
    private JavaClasses eyrie;

    @BeforeAll
    void importEyrie() {
        eyrie = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test helpers other modules share come as a test jar, which the predefined option does not know.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.eyrie");
    }

    /** The contract between services names no framework beyond the annotations its records carry. */
    @Test
    void theSharedApiDependsOnNothingButTheJdkAndTwoSetsOfAnnotations() {
        classes().that().resideInAPackage("io.eyrie.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.eyrie.api..", "java..",
                        "com.fasterxml.jackson.annotation..", "org.axonframework.modelling.command..")
                .check(eyrie);
    }

    @Test
    void servicesShareOnlyTheApiAndThePlatform() {
        noClasses().that().resideInAPackage("io.eyrie.commandside..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eyrie.queryside..", "io.eyrie.bookrunner..")
                .check(eyrie);
        noClasses().that().resideInAPackage("io.eyrie.queryside..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eyrie.commandside..", "io.eyrie.bookrunner..")
                .check(eyrie);
        noClasses().that().resideInAPackage("io.eyrie.bookrunner..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eyrie.commandside..", "io.eyrie.queryside..")
                .check(eyrie);
        noClasses().that().resideInAnyPackage("io.eyrie.api..", "io.eyrie.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eyrie.commandside..", "io.eyrie.queryside..",
                        "io.eyrie.bookrunner..", "io.eyrie.local..")
                .check(eyrie);
    }

    /** Aggregates decide and apply; sending commands, publishing or querying belongs to sagas and routers. */
    @Test
    void aggregatesOnlyDecideAndApply() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventhandling.EventBus")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.queryhandling.QueryGateway")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..",
                        "org.springframework.data..", "org.springframework.web..")
                .check(eyrie);
    }

    /** Commands, events, queries and views are records; the rest of the API are enums, interfaces and helpers. */
    @Test
    void theMessagesOfTheApiAreRecords() {
        classes().that().resideInAPackage("io.eyrie.api..").and().areTopLevelClasses()
                .and().areNotEnums().and().areNotInterfaces()
                .should(beARecordOrAStaticHelper())
                .check(eyrie);
    }

    /** Read-model documents are a projection's own business: no other package touches them. */
    @Test
    void readModelDocumentsArePackagePrivate() {
        classes().that().areAnnotatedWith(Document.class)
                .should().notBePublic()
                .check(eyrie);
    }

    private static ArchCondition<JavaClass> beARecordOrAStaticHelper() {
        return new ArchCondition<>("be a record, or a final class of static members only") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean record = type.isRecord();
                boolean helper = type.getModifiers().contains(JavaModifier.FINAL)
                        && type.getConstructors().stream().allMatch(constructor ->
                        constructor.getModifiers().contains(JavaModifier.PRIVATE));
                if (!record && !helper) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " is neither"));
                }
            }
        };
    }
}
