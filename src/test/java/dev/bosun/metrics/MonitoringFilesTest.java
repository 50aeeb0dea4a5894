package dev.bosun.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files that no build runs (there is no Docker engine here): docker-compose.yml,
 * docs/prometheus/prometheus.yml and Grafana's provisioning parse, point at each other (mounted
 * paths, service names, the data source's uid), and the dashboard has a panel for every metric
 * family Bosun exports ({@link OperationsEndpointsTest} reads the same names from a real server).
 */
class MonitoringFilesTest {

    /** The metric families of dev.bosun.metrics as Prometheus names them (histograms by their base name). */
    static final Set<String> BOSUN_METRICS = Set.of(
            "bosun_tasks",
            "bosun_tasks_waiting_for_engineer",
            "bosun_turns_seconds",
            "bosun_test_runs_seconds",
            "bosun_merge_lock_wait_seconds",
            "bosun_merge_lock_hold_seconds",
            "bosun_agent_tokens_total",
            "bosun_agent_cost_usd_total");

    private static final Pattern METRIC = Pattern.compile("\\bbosun_[a-z_]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDashboardHasAPanelForEveryBosunMetricAndNamesOnlyThose() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("docs/grafana/bosun-dashboard.json")));
        assertThat(dashboard.path("uid").asText()).isEqualTo("bosun");
        Set<String> used = new TreeSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets").size())
                    .as(panel.path("title").asText())
                    .isPositive();
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    used.add(matcher.group().replaceAll("_(bucket|count|sum)$", ""));
                }
            }
        }
        assertThat(used).isEqualTo(BOSUN_METRICS);
        assertThat(titles).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(BOSUN_METRICS.size());
    }

    @Test
    void everyPanelUsesTheProvisionedDataSource() throws IOException {
        JsonNode datasources = YAML.readTree(
                Path.of("docs/grafana/provisioning/datasources/prometheus.yaml").toFile());
        JsonNode source = datasources.path("datasources").get(0);
        assertThat(source.path("type").asText()).isEqualTo("prometheus");
        assertThat(source.path("url").asText()).isEqualTo("http://prometheus:9090");
        String uid = source.path("uid").asText();

        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("docs/grafana/bosun-dashboard.json")));
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText())
                    .as(panel.path("title").asText())
                    .isEqualTo(uid);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid);
            }
        }
    }

    @Test
    void composeRunsPrometheusAndGrafanaNextToPostgresWithTheFilesOfThisRepository() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(services.has("postgres")).isTrue();
        assertThat(services.has("bosun-1")).isTrue();

        List<String> prometheusMounts = strings(services.path("prometheus").path("volumes"));
        assertThat(prometheusMounts).contains("./docs/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        List<String> grafanaMounts = strings(services.path("grafana").path("volumes"));
        assertThat(grafanaMounts)
                .contains(
                        "./docs/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./docs/grafana/bosun-dashboard.json:/var/lib/grafana/dashboards/bosun-dashboard.json:ro");
        for (String mount : concat(prometheusMounts, grafanaMounts)) {
            String source = mount.split(":")[0];
            if (source.startsWith("./")) {
                assertThat(Path.of(source)).as(mount).exists();
            }
        }
        for (String service : List.of("prometheus", "grafana")) {
            assertThat(strings(services.path(service).path("ports")))
                    .as(service + " is published on the host's loopback only")
                    .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        }
        assertThat(services.path("grafana")
                        .path("environment")
                        .path("GF_SECURITY_ADMIN_PASSWORD")
                        .asText())
                .as("no default password")
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");

        JsonNode dashboards = YAML.readTree(
                Path.of("docs/grafana/provisioning/dashboards/bosun.yaml").toFile());
        assertThat(dashboards
                        .path("providers")
                        .get(0)
                        .path("options")
                        .path("path")
                        .asText())
                .isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void prometheusScrapesTheComposeNodesWithTheMountedToken() throws IOException {
        JsonNode prometheus =
                YAML.readTree(Path.of("docs/prometheus/prometheus.yml").toFile());
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        String tokenFile = job.path("authorization").path("credentials_file").asText();
        assertThat(job.path("authorization").path("type").asText()).isEqualTo("Bearer");

        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        List<String> targets = strings(job.path("static_configs").get(0).path("targets"));
        assertThat(targets).isNotEmpty();
        for (String target : targets) {
            String host = target.split(":")[0];
            assertThat(services.has(host)).as(target + " is a compose service").isTrue();
            assertThat(target).endsWith(":8080");
        }
        String allowed = services.path("bosun-1")
                .path("environment")
                .path("BOSUN_SECURITY_ALLOWEDHOSTS")
                .asText();
        assertThat(List.of(allowed.split(",")))
                .as("the nodes accept the Host header Prometheus sends")
                .containsAll(targets.stream().map(t -> t.split(":")[0]).toList());
        assertThat(strings(services.path("prometheus").path("volumes")))
                .as("the token's folder is mounted where prometheus.yml reads it")
                .anySatisfy(mount ->
                        assertThat(tokenFile).startsWith(target(mount) + "/").endsWith("/api-token"));
    }

    /** Where a compose mount {@code source:target[:ro]} lands; the source may hold {@code ${VAR:-default}}. */
    private static String target(String mount) {
        String withoutMode = mount.endsWith(":ro") ? mount.substring(0, mount.length() - 3) : mount;
        return withoutMode.substring(withoutMode.lastIndexOf(':') + 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
