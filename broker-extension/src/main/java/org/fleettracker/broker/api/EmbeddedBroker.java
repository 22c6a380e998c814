package org.fleettracker.broker.api;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.configuration.service.InternalConfigurations;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ Community Edition running inside this JVM, configured from code.
 *
 * <p>The broker writes its {@code config.xml} into {@code <dataDir>/conf} at start and keeps its persistence in
 * {@code <dataDir>/data}, so a restart with the same data folder keeps sessions and retained messages.
 *
 * <p>It listens on a plain MQTT port, a TLS port ({@link Builder#tls(TlsListener)}), or both. With TLS, the
 * {@code config.xml} contains the key store passwords, so the broker makes it readable by its owner only where the
 * file system supports POSIX permissions.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * Largest MQTT packet the broker accepts, in bytes. It leaves room above the tracker's 16 KiB telemetry limit
     * and stops a client from making the broker and the tracker buffer payloads of hundreds of megabytes.
     */
    public static final int MAX_PACKET_BYTES = 64 * 1024;

    /**
     * Default of {@link Builder#maxInflightWindow(int)}: twice the tracker's largest batch of 500 messages, so the
     * broker can fill the next batch while the tracker commits the previous one and has not acknowledged it yet.
     */
    public static final int DEFAULT_MAX_INFLIGHT_WINDOW = 1_000;

    /**
     * Default of {@link Builder#serverReceiveMaximum(int)}. The tracker publishes a retained state for each vehicle
     * of a batch, up to several hundred. With HiveMQ's default of 10 it waited for 10 PUBACKs at a time.
     */
    public static final int DEFAULT_SERVER_RECEIVE_MAXIMUM = 1_000;

    private static final String INCOMING_PUBLISH_METRIC = "com.hivemq.messages.incoming.publish.count";

    private final EmbeddedHiveMQ hiveMq;
    private final String bindAddress;
    private final @Nullable Integer plainPort;
    private final @Nullable Integer tlsPort;
    private boolean running;

    private EmbeddedBroker(
            EmbeddedHiveMQ hiveMq, String bindAddress, @Nullable Integer plainPort, @Nullable Integer tlsPort) {
        this.hiveMq = hiveMq;
        this.bindAddress = bindAddress;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the TCP port of the plain MQTT listener.
     *
     * @throws IllegalStateException when the plain listener is disabled
     */
    public int port() {
        if (plainPort == null) {
            throw new IllegalStateException("The plain MQTT listener is disabled; use tlsPort()");
        }
        return plainPort;
    }

    /** Returns whether the broker has a plain MQTT listener. */
    public boolean hasPlainListener() {
        return plainPort != null;
    }

    /** Returns whether the broker has a TLS MQTT listener. */
    public boolean hasTlsListener() {
        return tlsPort != null;
    }

    /**
     * Returns the TCP port of the TLS listener, the one picked at build time when it was configured as 0.
     *
     * @throws IllegalStateException when the broker has no TLS listener
     */
    public int tlsPort() {
        if (tlsPort == null) {
            throw new IllegalStateException("The MQTT broker has no TLS listener");
        }
        return tlsPort;
    }

    /**
     * Returns the TLS address clients use, such as {@code ssl://127.0.0.1:8883}.
     *
     * @throws IllegalStateException when the broker has no TLS listener
     */
    public String tlsServerUri() {
        return "ssl://" + clientHost() + ":" + tlsPort();
    }

    /** Returns how many PUBLISH packets the broker has received from all clients since it started. */
    public long incomingPublishCount() {
        Metric metric = hiveMq.getMetricRegistry().getMetrics().get(INCOMING_PUBLISH_METRIC);
        return metric instanceof Counting counting ? counting.getCount() : 0;
    }

    /**
     * Returns the count of one of HiveMQ's own metrics, such as {@code com.hivemq.messages.outgoing.publish.count} or
     * {@code com.hivemq.messages.incoming.total.count}; 0 when the broker has no such counter.
     */
    public long hiveMqCount(String metricName) {
        Metric metric = hiveMq.getMetricRegistry().getMetrics().get(metricName);
        return metric instanceof Counting counting ? counting.getCount() : 0;
    }

    /**
     * Returns HiveMQ's metric registry, in which the broker counts connections and messages and the security extension
     * registers its {@link SecurityCounter}s; {@link BrokerMeters} exports both.
     */
    public MetricRegistry metricRegistry() {
        return hiveMq.getMetricRegistry();
    }

    /** Returns the value of a counter of the security extension; 0 before the extension has registered it. */
    public long securityCount(SecurityCounter counter) {
        Metric metric = hiveMq.getMetricRegistry().getMetrics().get(counter.metricName());
        return metric instanceof Counting counting ? counting.getCount() : 0;
    }

    /**
     * Returns the address clients use: the plain listener's, such as {@code tcp://127.0.0.1:1883}, or the TLS
     * listener's when the plain listener is disabled.
     */
    public String serverUri() {
        return plainPort != null ? "tcp://" + clientHost() + ":" + plainPort : tlsServerUri();
    }

    private String clientHost() {
        return "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
    }

    private String listenerList() {
        return plainPort != null && tlsPort != null ? serverUri() + " and " + tlsServerUri() : serverUri();
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
            throw new IllegalStateException("Interrupted while starting the MQTT broker on " + listenerList(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "MQTT broker failed to start on " + listenerList() + ": " + e.getMessage(), e);
        }
        running = true;
        log.info("MQTT broker listening on {}", listenerList());
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
            log.info("MQTT broker on {} stopped", listenerList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the MQTT broker on {}", listenerList());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Stopping the MQTT broker on {} failed: {}", listenerList(), e.getMessage());
            log.debug("Broker stop failure", e);
        }
    }

    /** Settings of an embedded broker; only {@link #dataDir(Path)} is required. */
    public static final class Builder {

        private String bindAddress = "127.0.0.1";
        private int port = 1883;
        private boolean plainListener = true;
        private @Nullable TlsListener tls;
        private @Nullable Path dataDir;
        private @Nullable ExtensionMain extension;
        private int maxQueuedMessages = 100_000;
        private boolean topicAliases;
        private int maxInflightWindow = DEFAULT_MAX_INFLIGHT_WINDOW;
        private int serverReceiveMaximum = DEFAULT_SERVER_RECEIVE_MAXIMUM;

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

        /** Sets whether the broker opens the plain (unencrypted) MQTT listener on {@link #port(int)}; on by default. */
        public Builder plainListener(boolean enabled) {
            this.plainListener = enabled;
            return this;
        }

        /** Adds a TLS listener next to the plain one; null removes it. None by default. */
        public Builder tls(@Nullable TlsListener listener) {
            this.tls = listener;
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

        /**
         * Sets whether clients may use topic aliases, off by default. Paho 1.2.5 clients cannot resume a session with
         * QoS 1 messages in flight while aliases are on, and tests turn them on to exercise that case.
         */
        public Builder topicAliases(boolean enabled) {
            this.topicAliases = enabled;
            return this;
        }

        /**
         * Sets how many QoS 1 and 2 messages the broker sends one client before it waits for their acknowledgements,
         * at most the receive maximum of the client's CONNECT. HiveMQ CE 2025.5 fixes it at 50 in
         * {@code InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES}, which no {@code config.xml} element sets.
         * A subscriber that acknowledges a message only after it is stored, as the tracker does, then gets at most 50
         * messages per round trip to its database. {@value #DEFAULT_MAX_INFLIGHT_WINDOW} by default.
         *
         * <p>NOTE: HiveMQ reads the value from a static field, so it applies to every broker in this JVM, and the
         * broker built last sets it.
         */
        public Builder maxInflightWindow(int messages) {
            if (messages < 1 || messages > 65_535) {
                throw new IllegalArgumentException(
                        "maxInflightWindow must be between 1 and 65535 messages, got " + messages);
            }
            this.maxInflightWindow = messages;
            return this;
        }

        /**
         * Sets the receive maximum of the broker's CONNACK: how many QoS 1 and 2 publishes one client may have
         * unacknowledged at once. HiveMQ CE's default is 10. Each vehicle's publish rate stays limited by the
         * security extension. {@value #DEFAULT_SERVER_RECEIVE_MAXIMUM} by default.
         */
        public Builder serverReceiveMaximum(int messages) {
            if (messages < 1 || messages > 65_535) {
                throw new IllegalArgumentException(
                        "serverReceiveMaximum must be between 1 and 65535 messages, got " + messages);
            }
            this.serverReceiveMaximum = messages;
            return this;
        }

        /**
         * Checks the TLS key store, writes the configuration and creates the broker; call
         * {@link EmbeddedBroker#start(Duration)} next.
         *
         * @throws IllegalStateException when no listener is enabled or {@code dataDir} is missing
         * @throws IllegalArgumentException when the TLS key store is missing or does not open with its passwords
         */
        public EmbeddedBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required for an embedded broker");
            }
            if (!plainListener && tls == null) {
                throw new IllegalStateException("The plain MQTT listener is disabled and no TLS listener is set");
            }
            if (tls != null) {
                tls.checkKeyStore();
            }
            Integer plainPort = plainListener ? listenerPort(port, -1) : null;
            TlsListener tlsListener = null;
            if (tls != null) {
                tlsListener = tls.withPort(listenerPort(tls.port(), plainPort == null ? -1 : plainPort));
                if (plainPort != null && plainPort == tlsListener.port()) {
                    throw new IllegalArgumentException("The plain and the TLS listener both use port " + plainPort
                            + "; give them different ports");
                }
            }
            writeConfig(dataDir, ListenerConfig.xml(bindAddress, plainPort, tlsListener));
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = maxInflightWindow;
            var hiveMqBuilder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(dataDir.resolve("conf"))
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
            return new EmbeddedBroker(
                    hiveMqBuilder.build(), bindAddress, plainPort, tlsListener == null ? null : tlsListener.port());
        }

        private void writeConfig(Path folder, String listenersXml) {
            Path confDir = folder.resolve("conf");
            Path configFile = confDir.resolve("config.xml");
            try {
                Files.createDirectories(confDir);
                Files.createDirectories(folder.resolve("data"));
                Files.createDirectories(folder.resolve("extensions"));
                Files.deleteIfExists(configFile);
                createOwnerOnly(configFile);
                Files.writeString(configFile, configXml(listenersXml), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the broker configuration under " + confDir, e);
            }
        }

        /** Creates an empty file that only its owner may read, because it will contain key store passwords. */
        private static void createOwnerOnly(Path file) throws IOException {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        }

        /**
         * Returns the broker's {@code config.xml}. Topic aliases are off unless enabled, because Paho 1.2.5 resends a
         * QoS 1 PUBLISH that was in flight when the connection dropped with the old connection's alias and no topic.
         * The broker then closes the new connection too (reason 0x94).
         */
        private String configXml(String listenersXml) {
            return """
                    <?xml version="1.0"?>
                    <hivemq>
                    %s
                        <mqtt>
                            <packets>
                                <max-packet-size>%d</max-packet-size>
                            </packets>
                            <queued-messages>
                                <max-queue-size>%d</max-queue-size>
                                <strategy>discard</strategy>
                            </queued-messages>
                            <topic-alias>
                                <enabled>%b</enabled>
                            </topic-alias>
                            <receive-maximum>
                                <server-receive-maximum>%d</server-receive-maximum>
                            </receive-maximum>
                        </mqtt>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """
                    .formatted(listenersXml, MAX_PACKET_BYTES, maxQueuedMessages, topicAliases, serverReceiveMaximum);
        }

        /** Returns {@code configured}, or for 0 a free port other than {@code excludedPort}. */
        private int listenerPort(int configured, int excludedPort) {
            if (configured != 0) {
                return configured;
            }
            int free = freePort(bindAddress);
            return free != excludedPort ? free : freePort(bindAddress);
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
