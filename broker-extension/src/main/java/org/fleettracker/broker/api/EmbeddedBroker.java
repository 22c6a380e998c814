package org.fleettracker.broker.api;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ Community Edition running inside this JVM, configured from code.
 *
 * <p>The broker writes its {@code config.xml} into {@code <dataDir>/conf} at start and keeps its persistence in
 * {@code <dataDir>/data}, so a restart with the same data folder keeps sessions and retained messages.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * Largest MQTT packet the broker accepts, in bytes. It leaves room above the tracker's 16 KiB telemetry limit
     * and stops a client from making the broker and the tracker buffer payloads of hundreds of megabytes.
     */
    public static final int MAX_PACKET_BYTES = 64 * 1024;

    private static final String INCOMING_PUBLISH_METRIC = "com.hivemq.messages.incoming.publish.count";

    private final EmbeddedHiveMQ hiveMq;
    private final String bindAddress;
    private final int port;
    private boolean running;

    private EmbeddedBroker(EmbeddedHiveMQ hiveMq, String bindAddress, int port) {
        this.hiveMq = hiveMq;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the TCP port of the MQTT listener. */
    public int port() {
        return port;
    }

    /** Returns how many PUBLISH packets the broker has received from all clients since it started. */
    public long incomingPublishCount() {
        Metric metric = hiveMq.getMetricRegistry().getMetrics().get(INCOMING_PUBLISH_METRIC);
        return metric instanceof Counting counting ? counting.getCount() : 0;
    }

    /** Returns the value of a counter of the security extension; 0 before the extension has registered it. */
    public long securityCount(SecurityCounter counter) {
        Metric metric = hiveMq.getMetricRegistry().getMetrics().get(counter.metricName());
        return metric instanceof Counting counting ? counting.getCount() : 0;
    }

    /** Returns the address clients use, such as {@code tcp://127.0.0.1:1883}. */
    public String serverUri() {
        String host = "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
        return "tcp://" + host + ":" + port;
    }

    /**
     * Starts the broker and waits until its listener accepts connections.
     *
     * @throws IllegalStateException when the broker does not start within {@code timeout}
     */
    public synchronized EmbeddedBroker start(Duration timeout) {
        try {
            hiveMq.start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the MQTT broker on port " + port, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("MQTT broker failed to start on port " + port + ": " + e.getMessage(), e);
        }
        running = true;
        log.info("MQTT broker listening on {}", serverUri());
        return this;
    }

    /** Stops the broker; waits at most 30 s. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            hiveMq.stop().get(30, TimeUnit.SECONDS);
            hiveMq.close();
            log.info("MQTT broker on port {} stopped", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the MQTT broker on port {}", port);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Stopping the MQTT broker on port {} failed: {}", port, e.getMessage());
            log.debug("Broker stop failure", e);
        }
    }

    /** Settings of an embedded broker; only {@link #dataDir(Path)} is required. */
    public static final class Builder {

        private String bindAddress = "127.0.0.1";
        private int port = 1883;
        private @Nullable Path dataDir;
        private @Nullable ExtensionMain extension;
        private int maxQueuedMessages = 100_000;

        private Builder() {}

        /** Sets the listener address; {@code 127.0.0.1} by default, {@code 0.0.0.0} for every interface. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** Sets the listener port; 0 picks a free port. 1883 by default. */
        public Builder port(int listenerPort) {
            if (listenerPort < 0 || listenerPort > 65_535) {
                throw new IllegalArgumentException("MQTT port " + listenerPort + " is out of range [0, 65535]");
            }
            this.port = listenerPort;
            return this;
        }

        /** Sets the folder for the broker's configuration and persistence; created when missing. */
        public Builder dataDir(Path folder) {
            this.dataDir = folder;
            return this;
        }

        /**
         * Sets the extension that authenticates and authorizes clients.
         *
         * <p>NOTE: without one, HiveMQ lets every client in; only tests of other modules should omit it.
         */
        public Builder extension(ExtensionMain extensionMain) {
            this.extension = extensionMain;
            return this;
        }

        /**
         * Sets how many messages the broker queues per offline or slow client before it discards new ones;
         * HiveMQ's own default of 1,000 drops QoS 1 telemetry under bursts. 100,000 by default.
         */
        public Builder maxQueuedMessages(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxQueuedMessages must be at least 1, got " + count);
            }
            this.maxQueuedMessages = count;
            return this;
        }

        /** Writes the configuration and creates the broker; call {@link EmbeddedBroker#start(Duration)} next. */
        public EmbeddedBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required for an embedded broker");
            }
            int listenerPort = port == 0 ? freePort(bindAddress) : port;
            Path confDir = dataDir.resolve("conf");
            try {
                Files.createDirectories(confDir);
                Files.createDirectories(dataDir.resolve("data"));
                Files.createDirectories(dataDir.resolve("extensions"));
                Files.writeString(confDir.resolve("config.xml"), configXml(listenerPort), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the broker configuration under " + confDir, e);
            }
            var hiveMqBuilder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(confDir)
                    .withDataFolder(dataDir.resolve("data"))
                    .withExtensionsFolder(dataDir.resolve("extensions"))
                    .withoutLoggingBootstrap();
            if (extension != null) {
                hiveMqBuilder.withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("fleet-tracker-security")
                        .withName("Fleet tracker security")
                        .withVersion("1")
                        .withPriority(1000)
                        .withStartPriority(1000)
                        .withAuthor("fleet-tracker")
                        .withExtensionMain(extension)
                        .build());
            }
            return new EmbeddedBroker(hiveMqBuilder.build(), bindAddress, listenerPort);
        }

        private String configXml(int listenerPort) {
            return """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>%s</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <packets>
                                <max-packet-size>%d</max-packet-size>
                            </packets>
                            <queued-messages>
                                <max-queue-size>%d</max-queue-size>
                                <strategy>discard</strategy>
                            </queued-messages>
                        </mqtt>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """
                    .formatted(listenerPort, bindAddress, MAX_PACKET_BYTES, maxQueuedMessages);
        }

        private static int freePort(String address) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free TCP port on " + address, e);
            }
        }
    }
}
