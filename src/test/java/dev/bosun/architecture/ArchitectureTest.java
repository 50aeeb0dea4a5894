package dev.bosun.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The house rules of docs/architecture.md that a compiler does not check. */
@AnalyzeClasses(packages = "dev.bosun", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheProcessAreaKnowsTheEngine = noClasses()
            .that()
            .resideOutsideOfPackage("dev.bosun.process..")
            .and()
            .resideOutsideOfPackage("dev.bosun.cockpit..")
            .and()
            .doNotHaveFullyQualifiedName("dev.bosun.board.EngineTaskReadModel")
            .and()
            .doNotHaveFullyQualifiedName("dev.bosun.board.EnginePlanReadModel")
            .and()
            .doNotHaveFullyQualifiedName("dev.bosun.board.FinishedInstances")
            .and()
            .doNotHaveFullyQualifiedName("dev.bosun.board.FinishedInstances$Finished")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.camunda..")
            .because("only the process area (and the board's engine read models with their cache of finished"
                    + " instances, and the Cockpit plugin"
                    + " over the engine's history) talks to Camunda; "
                    + "everything else goes through ports");

    @ArchTest
    static final ArchRule areasDoNotDependOnEachOtherInACycle = slices().matching("dev.bosun.(*)..")
            .should()
            .beFreeOfCycles()
            .because("an area that needs another one's listener publishes an application event instead");

    @ArchTest
    static final ArchRule areasDoNotReachIntoTheProcessGlue = noClasses()
            .that()
            .resideInAnyPackage("dev.bosun.agent..", "dev.bosun.workspace..", "dev.bosun.merge..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.bosun.process..", "dev.bosun.api..", "dev.bosun.board..")
            .because("the process area drives the agent, workspace and merge areas, not the other way round");

    @ArchTest
    static final ArchRule theScriptAgentRunsWithoutSpring = noClasses()
            .that()
            .resideInAPackage("dev.bosun.agent.script..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.pty4j..")
            .because("it runs in a small JVM of its own inside the agent's terminal");

    @ArchTest
    static final ArchRule noStaticMutableState = fields().that()
            .areStatic()
            .should()
            .beFinal()
            .because("a static lock or cache is a bug waiting for a second node");
}
