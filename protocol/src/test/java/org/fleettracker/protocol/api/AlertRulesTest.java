package org.fleettracker.protocol.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.protocol.testing.AlertRules;
import org.fleettracker.protocol.testing.PrometheusText;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser of the alert rules, and the checks of {@code config/prometheus/alerts.yml} that need no other module:
 * every metric name belongs to a part, and the JVM and process names exist. The tracker, simulator, console and
 * broker extension modules check their own names.
 */
class AlertRulesTest {

    @Test
    void names_skip_functions_labels_ranges_and_grouping() {
        String expr =
                "histogram_quantile(0.99, sum by (le) (rate(tracker_latency_seconds_bucket{from=\"publish\"}[5m])))"
                        + " > 0.5 and on(instance) up{job=\"tracker\"} == 1";

        assertThat(AlertRules.metricNames(expr)).containsExactly("tracker_latency_seconds_bucket", "up");
    }

    @Test
    void names_skip_offset_and_numbers() {
        String expr = "increase(console_outbox_actions[10m] offset 5m) > 1e3 unless process_cpu_usage < bool 0.5";

        assertThat(AlertRules.metricNames(expr)).containsExactly("console_outbox_actions", "process_cpu_usage");
    }

    @Test
    void project_rules_use_names_of_known_parts() throws Exception {
        AlertRules rules = AlertRules.load(AlertRules.projectFile());

        assertThat(rules.rules()).isNotEmpty();
        for (String name : rules.metricNames()) {
            assertThat(name.equals("up") || AlertRules.KNOWN_PREFIXES.stream().anyMatch(name::startsWith))
                    .as("metric %s belongs to a part of the system", name)
                    .isTrue();
        }
    }

    @Test
    void project_rules_have_severity_and_duration() throws Exception {
        for (AlertRules.Rule rule : AlertRules.load(AlertRules.projectFile()).rules()) {
            assertThat(rule.severity()).as("severity of %s", rule.alert()).isIn("critical", "warning");
            assertThat(rule.forDuration()).as("for of %s", rule.alert()).isNotEmpty();
        }
    }

    @Test
    void project_rules_use_existing_jvm_and_process_names() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Set<String> exposed;
        try (ProcessMeters ignored = ProcessMeters.bindTo(registry)) {
            exposed = new PrometheusText(registry.scrape()).sampleNames();
        }
        AlertRules rules = AlertRules.load(AlertRules.projectFile());

        assertThat(exposed).containsAll(rules.metricNamesStartingWith("jvm_"));
        assertThat(exposed).containsAll(rules.metricNamesStartingWith("process_"));
    }
}
