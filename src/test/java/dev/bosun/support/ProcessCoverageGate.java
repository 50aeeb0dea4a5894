package dev.bosun.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The coverage gate of a process test class: every flow node and sequence flow of the process
 * files its tests run is recorded, a report is written to {@code target/process-test-coverage/},
 * and the class fails unless its tests together cover at least {@link #MINIMUM} of each process
 * file's elements. Each process file has one process test class (one test per path) that carries
 * this annotation; no other test class records coverage.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ProcessCoverageGate.EngineExtensions.class)
@TestExecutionListeners(
        listeners = ProcessCoverageListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessCoverageGate {

    /**
     * The process ids this class gates; empty: every process its tests run. A plan's test also runs
     * task lifecycles, which their own class gates.
     */
    String[] processes() default {};

    /**
     * Below this share of a process file's elements and flows covered, the process test class
     * fails. Running a few methods of such a class on their own covers less: pass
     * {@code -Dbosun.process-coverage.minimum=0} for that.
     */
    double MINIMUM = Double.parseDouble(System.getProperty("bosun.process-coverage.minimum", "0.9"));

    /** Adds the coverage recording to the engine before it parses the process files. */
    @TestConfiguration
    class EngineExtensions {

        @Bean
        AbstractCamundaConfiguration processCoverageExtensions() {
            return new AbstractCamundaConfiguration() {
                @Override
                public void preInit(ProcessEngineConfigurationImpl configuration) {
                    ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
                }
            };
        }
    }
}
