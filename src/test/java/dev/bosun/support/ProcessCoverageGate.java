package dev.bosun.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The coverage gate of a process test class: every flow node and sequence flow of the process
 * files its tests run is recorded, a report is written to {@code target/process-test-coverage/},
 * and the class fails unless its tests together cover at least {@link #MINIMUM} of them. Each
 * process file has one process test class (one test per path) that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ProcessCoverageGate.Settings.class)
@TestExecutionListeners(
        listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessCoverageGate {

    /**
     * Below this share of elements and flows covered, the process test class fails. Running a
     * few methods of such a class on their own covers less: pass
     * {@code -Dbosun.process-coverage.minimum=0} for that.
     */
    double MINIMUM = Double.parseDouble(System.getProperty("bosun.process-coverage.minimum", "0.9"));

    /** Adds the coverage plugin to the engine (the superclass) and sets the gate. */
    @TestConfiguration
    class Settings extends ProcessEngineCoverageConfiguration {

        @Bean
        @Override
        public ProcessEngineCoverageProperties defaultCoverageProperties() {
            return ProcessEngineCoverageProperties.Companion.builder()
                    .assertClassCoverageAtLeast(MINIMUM)
                    .build();
        }
    }
}
