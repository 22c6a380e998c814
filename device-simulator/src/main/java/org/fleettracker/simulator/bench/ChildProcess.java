package org.fleettracker.simulator.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the benchmark starts (the tracker, or the broker of the transport phase), with its output in a log file and
 * its CPU time read from {@code /proc/<pid>/stat}.
 */
final class ChildProcess implements AutoCloseable, Measured {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    /**
     * Clock ticks per second of {@code utime} and {@code stime} in {@code /proc/<pid>/stat} (USER_HZ).
     *
     * <p>NOTE: fixed at 100, the value on Linux x86-64 and arm64 (getconf CLK_TCK); other values are not detected.
     */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    /** How long a stopping process may take to exit after SIGTERM before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java} from this JVM's installation with the given arguments.
     *
     * @param environment variables added to this process's environment, such as passwords
     * @param directory the working directory of the process
     */
    static ChildProcess startJava(
            String name, List<String> arguments, Map<String, String> environment, Path directory, Path logFile) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            // Stops the child when the benchmark is stopped with SIGTERM or Ctrl-C.
            // NOTE: a benchmark killed with SIGKILL leaves its children running; stop them by the pids it logged.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                if (process.isAlive()) {
                                    process.destroy();
                                }
                            },
                            "bench-stop-" + process.pid()));
            log.info("Started the {} (pid {}), log {}", name, process.pid(), logFile);
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Starting the " + name + " failed: " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Returns when the process still runs.
     *
     * @throws ChildExitedException with its exit status and log file when it exited
     */
    @Override
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new ChildExitedException(name, process.pid(), process.exitValue(), logFile);
        }
    }

    /** Returns the user plus system CPU time of all threads of the process so far, in microseconds. */
    @Override
    public long cpuMicros() {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Reading the CPU time of the " + name + " (pid " + process.pid() + ") failed: " + e.getMessage()
                            + "; the benchmark needs Linux /proc",
                    e);
        }
        return cpuMicros(stat);
    }

    private static long cpuMicros(String stat) {
        // The command name in brackets may contain spaces, so the fields are counted from its closing bracket:
        // field 3 (state) comes first, utime is field 14 and stime field 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * Returns the CPU time of the process's threads so far in microseconds, summed by thread name with trailing
     * digits removed (so {@code hivemq-worker-3} counts as {@code hivemq-worker-}). Linux truncates the names to 15
     * characters. A thread that ended before the call is missing.
     */
    @Override
    public Map<String, Long> threadCpuMicros() {
        Map<String, Long> byName = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                            .strip();
                    long micros = cpuMicros(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII));
                    byName.merge(name.replaceAll("[0-9]+$", ""), micros, Long::sum);
                } catch (IOException e) {
                    // The thread ended between the listing and the read, so it has no more CPU time to count.
                    log.trace("Thread {} of the {} ended while reading it: {}", task, name, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Listing the threads of the " + name + " failed: " + e.getMessage(), e);
        }
        return byName;
    }

    /** Sends SIGTERM and waits for the exit; kills the process when it does not stop in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The {} (pid {}) did not stop within {} s; killing it", name, pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info(
                "The {} (pid {}) exited with status {}",
                name,
                pid(),
                process.isAlive() ? "unknown" : process.exitValue());
    }
}
