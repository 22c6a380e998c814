package org.fleettracker.broker.testing;

import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A broker running as a child process with its output in a log file: waits for its port, stops it with SIGTERM or
 * kills it with SIGKILL, and shows the end of its log when something goes wrong.
 */
final class BrokerChild {

    private static final Logger log = LoggerFactory.getLogger(BrokerChild.class);

    private static final int LOG_TAIL_CHARS = 6_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final int port;

    private BrokerChild(String name, Process process, Path logFile, int port) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts {@code command} in {@code workDir} with its output in {@code logFile}. */
    static BrokerChild start(String name, List<String> command, Path workDir, Path logFile, int port)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        log.info("Started {} (pid {}) for port {}, output in {}", name, process.pid(), port, logFile);
        return new BrokerChild(name, process, logFile, port);
    }

    /**
     * Waits until the broker accepts TCP connections on its port.
     *
     * @throws AssertionError with the end of the broker's log when it exits or the time runs out
     */
    void awaitListening(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(
                            name + " exited with code " + process.exitValue() + " while starting:\n" + logTail());
                }
                return accepts(port);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    name + " did not listen on port " + port + " within " + timeout + ":\n" + logTail(), e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Stops the broker with SIGTERM, so it saves its sessions; kills it when it takes longer than 30 s. */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            log.warn("{} (pid {}) did not stop within {} after SIGTERM; killing it", name, process.pid(), STOP_TIMEOUT);
            kill();
        }
        log.info("Stopped {} (pid {})", name, process.pid());
    }

    /** Kills the broker with SIGKILL and waits for it to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") did not end after SIGKILL");
        }
    }

    /** Returns the lines of the broker's output that contain {@code fragment}. */
    List<String> logLines(String fragment) {
        try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(fragment)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logFile, e);
        }
    }

    /** Returns the end of the broker's output. */
    String logTail() {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Returns a TCP port on the loopback address that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free TCP port", e);
        }
    }
}
