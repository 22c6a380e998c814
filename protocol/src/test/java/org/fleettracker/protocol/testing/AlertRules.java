package org.fleettracker.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerting rules of {@code config/prometheus/alerts.yml}, in the Prometheus rule file format, with the metric
 * names their PromQL expressions read. Each module's test checks the names of its own prefix against a scrape of its
 * real meters, so that a renamed meter breaks the build instead of silencing an alert.
 */
public final class AlertRules {

    /** Prefixes of the metric names each part exports, and {@code up}, which Prometheus adds to every target. */
    public static final Set<String> KNOWN_PREFIXES =
            Set.of("tracker_", "broker_", "simulator_", "console_", "jvm_", "process_");

    private static final Set<String> PROMQL_KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+\\S+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** One alerting rule. */
    public record Rule(String group, String alert, String expr, String forDuration, String severity) {}

    private final List<Rule> rules;

    private AlertRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Returns the project's rule file, found from the module folder that Maven runs tests in. */
    public static Path projectFile() {
        return Path.of(System.getProperty("basedir", ".")).resolve("../config/prometheus/alerts.yml");
    }

    /**
     * Reads a rule file.
     *
     * @throws IllegalStateException when it has no groups or a rule lacks {@code alert} or {@code expr}
     */
    public static AlertRules load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        JsonNode groups = root.path("groups");
        if (!groups.isArray() || groups.isEmpty()) {
            throw new IllegalStateException(file + " has no rule groups");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText("");
                String expr = rule.path("expr").asText("");
                if (alert.isEmpty() || expr.isEmpty()) {
                    throw new IllegalStateException(
                            file + " group " + group.path("name").asText() + " has a rule without alert or expr");
                }
                rules.add(new Rule(
                        group.path("name").asText(),
                        alert,
                        expr,
                        rule.path("for").asText(""),
                        rule.path("labels").path("severity").asText("")));
            }
        }
        return new AlertRules(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Returns every metric name that the expressions read. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        rules.forEach(rule -> names.addAll(metricNames(rule.expr())));
        return names;
    }

    /** Returns the metric names that the expressions read and that start with {@code prefix}. */
    public Set<String> metricNamesStartingWith(String prefix) {
        Set<String> names = new TreeSet<>();
        for (String name : metricNames()) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Returns the metric names of one PromQL expression: identifiers that are not functions, keywords, label names,
     * label values, durations or numbers.
     */
    public static Set<String> metricNames(String expr) {
        String plain = STRING.matcher(expr).replaceAll(" ");
        plain = MATCHERS.matcher(plain).replaceAll(" ");
        plain = RANGE.matcher(plain).replaceAll(" ");
        plain = GROUPING.matcher(plain).replaceAll(" ");
        plain = OFFSET.matcher(plain).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(plain);
        while (identifier.find()) {
            String name = identifier.group();
            boolean numberPart = identifier.start() > 0 && Character.isDigit(plain.charAt(identifier.start() - 1));
            boolean function = plain.substring(identifier.end()).stripLeading().startsWith("(");
            if (!numberPart && !function && !PROMQL_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
