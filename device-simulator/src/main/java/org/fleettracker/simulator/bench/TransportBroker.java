package org.fleettracker.simulator.bench;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.SecuritySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the broker process of the transport phase: the tracker's embedded HiveMQ with the same security
 * extension, users file and {@code security.*} settings, but no tracker.
 *
 * <p>Arguments: data folder, port, users file, ready file, and optionally the tracker's properties file. It writes
 * the ready file once the listener accepts connections and runs until SIGTERM.
 */
public final class TransportBroker {

    private static final Logger log = LoggerFactory.getLogger(TransportBroker.class);

    /** Prefix of the tracker's properties keys that configure the broker's security extension. */
    private static final String SECURITY_PREFIX = "security.";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private TransportBroker() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4 || args.length > 5) {
            throw new IllegalArgumentException(
                    "Usage: TransportBroker DATA_DIR PORT USERS_FILE READY_FILE [TRACKER_PROPERTIES]");
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path usersFile = Path.of(args[2]);
        Path readyFile = Path.of(args[3]);
        SecuritySettings security = args.length == 5 ? securitySettings(Path.of(args[4])) : SecuritySettings.defaults();
        EmbeddedBroker broker = EmbeddedBroker.builder()
                .port(port)
                .dataDir(dataDir)
                .extension(new FleetSecurityExtension(usersFile.toAbsolutePath(), security))
                .build()
                .start(START_TIMEOUT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        Files.writeString(readyFile, broker.serverUri(), StandardCharsets.UTF_8);
        log.info("Transport broker ready on {}", broker.serverUri());
        stopped.await();
    }

    /** Reads the {@code security.*} keys of a tracker properties file, without the prefix. */
    private static SecuritySettings securitySettings(Path trackerProperties) throws IOException {
        Properties all = new Properties();
        try (Reader reader = Files.newBufferedReader(trackerProperties, StandardCharsets.UTF_8)) {
            all.load(reader);
        }
        Properties security = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(SECURITY_PREFIX)) {
                security.setProperty(key.substring(SECURITY_PREFIX.length()), all.getProperty(key));
            }
        }
        return SecuritySettings.fromProperties(security);
    }
}
