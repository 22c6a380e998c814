package org.fleettracker.protocol.testing;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus endpoint in the text format, with lookups of sample values by name and labels. Tests
 * use it to check meter names and that values move.
 */
public final class PrometheusText {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    /**
     * Scrapes {@code uri} over HTTP.
     *
     * @throws IllegalStateException when the status is not 200 or the content type is not {@code text/plain}
     */
    public static PrometheusText scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/plain")) {
            throw new IllegalStateException("Scraping " + uri + " failed with status " + response.statusCode()
                    + " and content type " + contentType);
        }
        return new PrometheusText(response.body());
    }

    public String text() {
        return text;
    }

    /** Returns the name of every sample, such as {@code tracker_batch_commit_seconds_bucket}. */
    public Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                names.add(sample.group(1));
            }
        }
        return names;
    }

    /** Returns whether a sample named {@code name} exists, with any labels. */
    public boolean has(String name) {
        return sampleNames().contains(name);
    }

    /**
     * Returns the sum of the samples named {@code name} whose labels include {@code labels}; with no labels given,
     * the sum over every label set.
     *
     * @throws IllegalStateException when no such sample exists
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = pairs(labels);
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> actual = labels(sample.group(3));
            if (actual.entrySet().containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("No sample " + name + wanted + " in the scrape:\n" + text);
        }
        return sum;
    }

    private static Map<String, String> labels(@Nullable String labelText) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (labelText == null) {
            return labels;
        }
        Matcher label = LABEL.matcher(labelText);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    private static Map<String, String> pairs(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name and value pairs");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            pairs.put(labels[i], labels[i + 1]);
        }
        return pairs;
    }
}
