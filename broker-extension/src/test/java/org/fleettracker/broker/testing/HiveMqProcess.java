package org.fleettracker.broker.testing;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged standalone HiveMQ CE home ({@code broker-extension/target/hivemq-ce}, built in Maven's package phase)
 * running in a JVM of its own, as {@code ./fleet broker} runs it: {@code com.hivemq.HiveMQServer} with
 * {@code -Dhivemq.home}. Each start copies the home's {@code conf} and {@code extensions} folders into a temporary
 * folder, puts the given users file into the extension's {@code conf} folder and moves the listener to a free port;
 * the libraries stay where they were packaged.
 *
 * <p>The test is skipped with a JUnit assumption when the packaged home is missing, as after {@code ./mvnw test},
 * which stops before the package phase. The system property {@value #HOME_PROPERTY} names another home.
 */
public final class HiveMqProcess implements AutoCloseable {

    /** System property with the folder of the packaged HiveMQ CE home. */
    public static final String HOME_PROPERTY = "fleet.hivemq.home";

    /** Folder of the security extension inside {@code extensions}, as the extension zip names it. */
    public static final String EXTENSION_FOLDER = "fleet-tracker-security";

    /** The line HiveMQ logs once it has started the security extension. */
    public static final String EXTENSION_STARTED = "Extension \"Fleet tracker security\" version";

    private static final String PACKAGED_HOME = "broker-extension/target/hivemq-ce";
    private static final String SHIPPED_LISTENER_PORT = "<port>1883</port>";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final BrokerChild child;

    private HiveMqProcess(Path home, int port, BrokerChild child) {
        this.home = home;
        this.port = port;
        this.child = child;
    }

    /** Returns a builder that puts the broker's home, data and log into {@code folder}. */
    public static Builder builder(Path folder) {
        return new Builder(folder);
    }

    /** Returns the packaged home, or skips the calling test when it has not been built. */
    public static Path packagedHome() {
        Path home = ProjectFiles.find(HOME_PROPERTY, PACKAGED_HOME);
        assumeTrue(
                home != null && Files.isDirectory(home.resolve("lib")) && Files.isDirectory(home.resolve("conf")),
                () -> "The standalone HiveMQ CE home is not built (" + (home == null ? PACKAGED_HOME : home)
                        + " has no lib and conf folder): run './mvnw -pl broker-extension -am package' or set -D"
                        + HOME_PROPERTY);
        return home;
    }

    /** Returns the broker's address, such as {@code tcp://127.0.0.1:41234}. */
    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Returns the copied HiveMQ home: {@code conf}, {@code extensions}, {@code data} and {@code log}. */
    public Path home() {
        return home;
    }

    /** Returns the extension's {@code conf} folder, which holds its {@code users.yaml} and optional settings. */
    public Path extensionConf() {
        return home.resolve("extensions").resolve(EXTENSION_FOLDER).resolve("conf");
    }

    /** Returns the lines of the broker's output that contain {@code fragment}. */
    public List<String> logLines(String fragment) {
        return child.logLines(fragment);
    }

    /** Returns the end of the broker's output. */
    public String logTail() {
        return child.logTail();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Kills the broker with SIGKILL, as a crash would. */
    public void kill() throws InterruptedException {
        child.kill();
    }

    /** Stops the broker with SIGTERM and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        child.stop();
    }

    /** Settings of one broker start; every file given is copied into the extension's {@code conf} folder. */
    public static final class Builder {
        private final Path folder;
        private @Nullable Path usersFile;
        private @Nullable String securityProperties;
        private UnaryOperator<String> configEdit = UnaryOperator.identity();

        private Builder(Path folder) {
            this.folder = folder;
        }

        /** Sets the users file of the extension; without one the extension rejects every client. */
        public Builder usersFile(Path file) {
            this.usersFile = file;
            return this;
        }

        /** Sets the text of the extension's {@code conf/security.properties}; none by default. */
        public Builder securityProperties(String text) {
            this.securityProperties = text;
            return this;
        }

        /** Changes the text of the shipped {@code config.xml} after its port is moved. */
        public Builder config(UnaryOperator<String> edit) {
            this.configEdit = edit;
            return this;
        }

        /**
         * Copies the home, starts HiveMQ and waits until its listener accepts connections; skips the calling test
         * when the packaged home is missing.
         *
         * @throws AssertionError with the end of HiveMQ's output when it exits or does not listen within 90 s
         */
        public HiveMqProcess start() throws IOException, InterruptedException {
            Path packaged = packagedHome();
            Path home = folder.resolve("hivemq-home");
            copyTree(packaged.resolve("conf"), home.resolve("conf"));
            copyTree(packaged.resolve("extensions"), home.resolve("extensions"));
            int port = BrokerChild.freePort();
            writeConfig(home.resolve("conf").resolve("config.xml"), port);
            Path extensionConf =
                    home.resolve("extensions").resolve(EXTENSION_FOLDER).resolve("conf");
            if (usersFile != null) {
                Files.copy(usersFile, extensionConf.resolve("users.yaml"));
            }
            if (securityProperties != null) {
                Files.writeString(
                        extensionConf.resolve("security.properties"), securityProperties, StandardCharsets.UTF_8);
            }
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "-Djava.net.preferIPv4Stack=true",
                    "-Dhivemq.home=" + home,
                    "-cp",
                    packaged.resolve("lib") + "/*",
                    "com.hivemq.HiveMQServer");
            BrokerChild child = BrokerChild.start("HiveMQ CE", command, home, folder.resolve("hivemq.log"), port);
            HiveMqProcess broker = new HiveMqProcess(home, port, child);
            try {
                child.awaitListening(START_TIMEOUT);
            } catch (AssertionError e) {
                child.kill();
                throw e;
            }
            return broker;
        }

        private void writeConfig(Path config, int port) throws IOException {
            String text = Files.readString(config, StandardCharsets.UTF_8);
            if (!text.contains(SHIPPED_LISTENER_PORT)) {
                throw new IllegalStateException(config + " has no " + SHIPPED_LISTENER_PORT
                        + " to move to a free port; keep the shipped" + " config/hivemq/config.xml on port 1883");
            }
            String moved = text.replace(SHIPPED_LISTENER_PORT, "<port>" + port + "</port>");
            Files.writeString(config, configEdit.apply(moved), StandardCharsets.UTF_8);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
