package org.fleettracker.tracker.testing;

import org.awaitility.core.ConditionTimeoutException;
import org.fleettracker.tracker.api.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The tracker's {@link Main} running in a JVM of its own, started with the test class path, so that a test can
 * kill it with SIGKILL. Its standard output and error go to a log file whose end is shown when a wait fails.
 */
public final class TrackerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerProcess.class);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final int LOG_TAIL_CHARS = 6_000;

    private final Process process;
    private final Path logFile;
    private final URI httpBaseUri;

    private TrackerProcess(Process process, Path logFile, URI httpBaseUri) {
        this.process = process;
        this.logFile = logFile;
        this.httpBaseUri = httpBaseUri;
    }

    /**
     * Starts {@code tracker} in a new JVM with the working folder {@code workDir}, a free HTTP port and the given
     * options; writes its output to {@code <workDir>/<name>.log}. Call {@link #awaitHealthy(Duration)} next.
     */
    public static TrackerProcess start(Path workDir, String name, List<String> options) throws IOException {
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                testClassPath(),
                Main.class.getName(),
                "--http-port",
                Integer.toString(httpPort)));
        command.addAll(options);
        Path logFile = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        log.info("Started tracker process {} (pid {}), output in {}", name, process.pid(), logFile);
        return new TrackerProcess(process, logFile, URI.create("http://127.0.0.1:" + httpPort));
    }

    /** Returns the class path of the tests: Surefire's, or this JVM's when run from an IDE. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code GET /health} returns 200: connected, subscribed, database up.
     *
     * @throws AssertionError with the end of the process output when it exits or the time runs out
     */
    public TrackerProcess awaitHealthy(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The tracker exited with " + process.exitValue() + ":\n" + logTail());
                }
                return healthStatus() == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The tracker was not healthy within " + timeout + ":\n" + logTail(), e);
        }
        return this;
    }

    /** Returns the HTTP status of {@code GET /health}, or -1 when the API does not respond. */
    public int healthStatus() {
        try {
            return get("/health").statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Returns the value of one Prometheus sample line such as {@code tracker_positions_stored_total}, or 0. */
    public double metric(String sample) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(httpBaseUri.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the process with SIGKILL, as a crash or the kernel's OOM killer would, and waits for it to end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The tracker process " + process.pid() + " did not die after SIGKILL");
        }
        log.info("Killed tracker process {}", process.pid());
    }

    /**
     * Stops the process with SIGTERM, so its shutdown hook commits the open batch and closes the database.
     *
     * @return the exit code
     */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("The tracker did not stop within 60 s after SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    /** Returns the lines of the process output that contain {@code fragment}. */
    public List<String> logLines(String fragment) throws IOException {
        try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(fragment)).toList();
        }
    }

    /** Returns the end of the process output. */
    public String logTail() {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the process when it still runs, so that a failed test leaves none behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
