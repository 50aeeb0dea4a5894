package dev.bosun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Records which elements of which process files the tests of a {@link ProcessCoverageGate} class
 * pass through (one run per test method, one suite per class), writes the HTML and JSON reports
 * and fails the class when a process file is covered less than {@link ProcessCoverageGate#MINIMUM}.
 * Spring makes one instance per test class.
 */
public final class ProcessCoverageListener implements TestExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCoverageListener.class);
    private static final String REPORTS = "target/process-test-coverage";

    private @Nullable DefaultCollector collector;
    private @Nullable Suite suite;

    @Override
    public void beforeTestClass(TestContext context) {
        collector = new DefaultCollector(new ExecutionContextModelProvider());
        new ProcessEngineAdapter(context.getApplicationContext().getBean(ProcessEngine.class), collector)
                .initializeListeners();
        Class<?> testClass = context.getTestClass();
        suite = collector.createSuite(new Suite(testClass.getName(), testClass.getSimpleName()));
        collector.activateSuite(suite.getId());
    }

    @Override
    public void beforeTestMethod(TestContext context) {
        if (collector == null || suite == null) {
            return;
        }
        String name = context.getTestMethod().getName();
        Run run = collector.createRun(new Run(suite.getId() + "#" + name, name), suite.getId());
        collector.activateRun(run.getId());
    }

    @Override
    public void afterTestClass(TestContext context) {
        if (collector == null || suite == null) {
            return;
        }
        CoverageReportUtil.createReport(collector, REPORTS);
        CoverageReportUtil.createJsonReport(collector, REPORTS);
        ProcessCoverageGate gate = context.getTestClass().getAnnotation(ProcessCoverageGate.class);
        List<String> gated = gate == null ? List.of() : List.of(gate.processes());
        Map<String, Double> coverage = new TreeMap<>();
        for (Model model : collector.getModels()) {
            if (gated.isEmpty() || gated.contains(model.getKey())) {
                coverage.put(model.getKey(), suite.calculateCoverage(model));
            }
        }
        LOG.info("Process coverage of {}: {} (gate {})", suite.getName(), coverage, ProcessCoverageGate.MINIMUM);
        assertThat(coverage)
                .as(
                        "share of each process file's elements and flows that %s covers (report in %s)",
                        suite.getName(), REPORTS)
                .isNotEmpty()
                .allSatisfy((process, covered) -> assertThat(covered)
                        .as("coverage of process %s", process)
                        .isGreaterThanOrEqualTo(ProcessCoverageGate.MINIMUM));
    }
}
