package org.fleettracker.broker.testing;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Mosquitto ({@code /usr/sbin/mosquitto} from the Debian package {@code mosquitto}) running the shipped
 * {@code config/mosquitto/mosquitto.conf}, adapted to a temporary folder: the listener on a free port, a password
 * file of the given accounts (hashed by {@code mosquitto_passwd -U}), a copy of the shipped ACL, persistence in the
 * folder and the log on standard output.
 *
 * <p>Run as root, Mosquitto switches to the user named by its {@code user} option, by default {@code mosquitto},
 * which cannot read a temporary folder of root. The adapted configuration therefore names the current user, which
 * keeps root as root and has no effect for any other user.
 *
 * <p>The test is skipped with a JUnit assumption when the broker or {@code mosquitto_passwd} is not installed. The
 * system properties {@value #BINARY_PROPERTY}, {@value #PASSWD_PROPERTY} and {@value #CONFIG_PROPERTY} name other
 * files.
 */
public final class MosquittoProcess implements AutoCloseable {

    /** System property with the path of the broker binary. */
    public static final String BINARY_PROPERTY = "fleet.mosquitto.binary";

    /** System property with the path of {@code mosquitto_passwd}. */
    public static final String PASSWD_PROPERTY = "fleet.mosquitto.passwd";

    /** System property with the folder of the shipped {@code mosquitto.conf} and {@code acl}. */
    public static final String CONFIG_PROPERTY = "fleet.mosquitto.config";

    private static final Path DEFAULT_BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Path DEFAULT_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final String SHIPPED_CONFIG = "config/mosquitto";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> REPLACED_KEYS =
            Set.of("listener", "password_file", "acl_file", "persistence_location", "log_dest", "user");

    private final int port;
    private final Path folder;
    private final BrokerChild child;

    private MosquittoProcess(int port, Path folder, BrokerChild child) {
        this.port = port;
        this.folder = folder;
        this.child = child;
    }

    /** Returns a builder that keeps the broker's files in {@code folder}. */
    public static Builder builder(Path folder) {
        return new Builder(folder);
    }

    /** Returns the broker's address, such as {@code tcp://127.0.0.1:41234}. */
    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Returns the folder of the adapted configuration, password file, ACL and persistence. */
    public Path folder() {
        return folder;
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

    /** Kills the broker with SIGKILL; it loses what it received since its last save. */
    public void kill() throws InterruptedException {
        child.kill();
    }

    /** Stops the broker with SIGTERM, which saves its sessions, and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        child.stop();
    }

    /** Settings of one broker start. */
    public static final class Builder {
        private final Path folder;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private @Nullable String acl;
        private UnaryOperator<String> configEdit = UnaryOperator.identity();

        private Builder(Path folder) {
            this.folder = folder;
        }

        /** Adds an account to the password file; its topics come from the ACL. */
        public Builder account(String username, String password) {
            if (username.contains(":") || password.contains("\n")) {
                throw new IllegalArgumentException(
                        "a Mosquitto user name cannot contain ':' and a password no line break: " + username);
            }
            accounts.put(username, password);
            return this;
        }

        /** Replaces the shipped ACL by {@code text}. */
        public Builder acl(String text) {
            this.acl = text;
            return this;
        }

        /** Changes the text of the adapted {@code mosquitto.conf}. */
        public Builder config(UnaryOperator<String> edit) {
            this.configEdit = edit;
            return this;
        }

        /**
         * Writes the files, starts Mosquitto and waits until it accepts connections; skips the calling test when
         * Mosquitto is not installed.
         *
         * @throws AssertionError with the end of Mosquitto's output when it exits or does not listen within 30 s
         */
        public MosquittoProcess start() throws IOException, InterruptedException {
            Path binary = installed(BINARY_PROPERTY, DEFAULT_BINARY);
            Path passwd = installed(PASSWD_PROPERTY, DEFAULT_PASSWD);
            Path shipped = ProjectFiles.find(CONFIG_PROPERTY, SHIPPED_CONFIG);
            if (shipped == null || !Files.isRegularFile(shipped.resolve("mosquitto.conf"))) {
                throw new IllegalStateException("The shipped Mosquitto configuration " + SHIPPED_CONFIG
                        + "/mosquitto.conf was not found; set -D" + CONFIG_PROPERTY);
            }
            Files.createDirectories(folder.resolve("data"));
            Path passwords = writePasswords(passwd);
            Path aclFile = folder.resolve("acl");
            Files.writeString(
                    aclFile,
                    acl != null ? acl : Files.readString(shipped.resolve("acl"), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            int port = BrokerChild.freePort();
            Path config = folder.resolve("mosquitto.conf");
            String shippedText = Files.readString(shipped.resolve("mosquitto.conf"), StandardCharsets.UTF_8);
            Files.writeString(
                    config, configEdit.apply(adapt(shippedText, port, passwords, aclFile)), StandardCharsets.UTF_8);
            BrokerChild child = BrokerChild.start(
                    "Mosquitto",
                    List.of(binary.toString(), "-c", config.toString()),
                    folder,
                    folder.resolve("mosquitto.log"),
                    port);
            try {
                child.awaitListening(START_TIMEOUT);
            } catch (AssertionError e) {
                child.kill();
                throw e;
            }
            return new MosquittoProcess(port, folder, child);
        }

        /**
         * Returns the shipped configuration with the options that name this machine's files or port replaced: the
         * listener (its options after it stay), the password file, the ACL, the persistence folder, the log and the
         * user to run as.
         */
        private String adapt(String shipped, int port, Path passwords, Path aclFile) {
            List<String> lines = new ArrayList<>();
            lines.add("user " + System.getProperty("user.name"));
            lines.add("log_dest stdout");
            boolean listener = false;
            for (String line : shipped.split("\n", -1)) {
                String key = line.strip().split("\\s+", 2)[0];
                if (!REPLACED_KEYS.contains(key)) {
                    lines.add(line);
                    continue;
                }
                switch (key) {
                    case "listener" -> {
                        lines.add("listener " + port + " 127.0.0.1");
                        listener = true;
                    }
                    case "password_file" -> lines.add("password_file " + passwords);
                    case "acl_file" -> lines.add("acl_file " + aclFile);
                    case "persistence_location" -> lines.add("persistence_location " + folder.resolve("data") + "/");
                    default -> {
                        // user and log_dest are set once at the top.
                    }
                }
            }
            if (!listener) {
                throw new IllegalStateException(
                        "The shipped mosquitto.conf has no listener line to move to port " + port);
            }
            return String.join("\n", lines);
        }

        /** Writes the accounts as plain text readable by the owner only, then lets mosquitto_passwd hash them. */
        private Path writePasswords(Path passwd) throws IOException, InterruptedException {
            Path file = folder.resolve("passwords");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder text = new StringBuilder();
            accounts.forEach((user, password) ->
                    text.append(user).append(':').append(password).append('\n'));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Process hash = new ProcessBuilder(passwd.toString(), "-U", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("mosquitto_passwd.log").toFile())
                    .start();
            if (!hash.waitFor(30, TimeUnit.SECONDS) || hash.exitValue() != 0) {
                hash.destroyForcibly();
                throw new IllegalStateException("mosquitto_passwd -U " + file + " failed; its output is in "
                        + folder.resolve("mosquitto_passwd.log"));
            }
            return file;
        }
    }

    private static Path installed(String property, Path defaultPath) {
        String configured = System.getProperty(property);
        Path path = configured == null || configured.isBlank() ? defaultPath : Path.of(configured);
        assumeTrue(
                Files.isExecutable(path),
                () -> path + " is not installed: install the Debian package mosquitto (apt-get install mosquitto)"
                        + " or set -D" + property);
        return path;
    }
}
