package org.fleettracker.simulator.internal.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.internal.NetworkModuleService;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TlsErrors;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.internal.buffer.OverflowPolicy;
import org.fleettracker.simulator.internal.buffer.StoredFix;
import org.fleettracker.simulator.internal.buffer.VehicleJournal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import javax.net.SocketFactory;

/**
 * The MQTT 5 connection of one vehicle, with its outbox of fixes not yet acknowledged.
 *
 * <p>Fixes wait in the outbox, in the order submitted, until the link is connected and the in-flight window has room.
 * A fix leaves the link only when the broker acknowledges it (or rejects it with an error reason code). A fix that
 * the broker's rate limit stops (QUOTA_EXCEEDED) goes back into the outbox, and the link pauses for a second. When the
 * connection drops, the unacknowledged fixes go back into the outbox and are sent again, with the same seq, after
 * the next connect. The broker may therefore see a fix twice. A full outbox drops its oldest or its newest fix, as set
 * by {@link LinkSettings#overflow()}, and counts it.
 *
 * <p>With a buffer on disk, every fix submitted is also written to the vehicle's {@link VehicleJournal}, and leaves it
 * when acknowledged, rejected or dropped. Fixes a previous run left there go into the outbox at construction, ahead
 * of every new fix, and keep their seq.
 *
 * <p>The link reconnects on its own with {@link Backoff}; Paho's automatic reconnect is off because it neither
 * resends the publishes of a clean-start session nor lets the caller see when to resend. A CONNACK with a reason
 * code that connecting again cannot fix (see {@link ConnectRejection}) ends the link for good: it stops
 * connecting, and it discards and counts its pending fixes and every fix submitted later. All state is confined to
 * one {@link SerialExecutor}; the public methods are thread-safe.
 */
public final class VehicleLink {

    private static final Logger log = LoggerFactory.getLogger(VehicleLink.class);
    private static final Logger connections = LoggerFactory.getLogger("org.fleettracker.simulator.connections");

    /** Paho's reason code for a full in-flight window ("too many publishes in progress"). */
    private static final int TOO_MANY_PUBLISHES = MqttClientException.REASON_CODE_MAX_INFLIGHT;

    /** Wait before trying again when the window is full but no publish of this link is outstanding. */
    private static final Duration WINDOW_RETRY_DELAY = Duration.ofMillis(100);

    /** PUBACK reason code of a broker whose publish rate limit the vehicle exceeded; the fix is sent again. */
    static final int QUOTA_EXCEEDED = 0x97;

    /** Pause of the outbox after a QUOTA_EXCEEDED, so the broker's token bucket can refill. */
    private static final Duration QUOTA_RETRY_DELAY = Duration.ofSeconds(1);

    private final String vehicleId;
    private final LinkSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ConnectLimiter connects;
    private final SerialExecutor serial;
    private final Backoff backoff;
    private final String telemetryTopic;
    private final String presenceTopic;
    private final String commandsTopic;
    private final String commandAcksTopic;
    /** The vehicle's side of the command flow, or null when the link does not subscribe to its commands. */
    private final @Nullable CommandResponder commands;

    private final DroppableSocketFactory socketFactory = new DroppableSocketFactory();
    /** The same factory for {@code tcp://}, a TLS factory that still reports its sockets to it for {@code ssl://}. */
    private final SocketFactory connectSocketFactory;

    private final ClientExecutor clientExecutor;
    private final VehicleJournal journal;
    private final long restored;
    private final long maxRestoredSeq;

    /**
     * The Paho client, created at the first connect. Paho 1.2.5 allocates an in-flight vector of 65,535 slots (256 KiB)
     * in each new client, so creating 5,000 clients up front needs over 1 GiB of heap for a moment.
     */
    private volatile @Nullable MqttAsyncClient client;

    /** Payloads not yet handed to the client, by submission number, so they leave in the order submitted. */
    private final NavigableMap<Long, Outgoing> outbox = new TreeMap<>();

    private final NavigableMap<Long, Outgoing> inFlight = new TreeMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong quotaRetries = new AtomicLong();
    private volatile int pending;
    private final AtomicInteger submitting = new AtomicInteger();
    private volatile Runnable idleListener = () -> {};
    private volatile Runnable rejectionListener = () -> {};
    private volatile PublishObserver publishObserver = PublishObserver.NONE;
    private volatile @Nullable ConnectRejection rejection;
    private volatile boolean connected;

    private int generation;
    private long nextSubmission;
    private int window = 1;
    private boolean everConnected;
    private boolean closing;
    private boolean connectFailureLogged;
    private boolean quotaPaused;
    private @Nullable ScheduledFuture<?> reconnectTask;

    /**
     * Creates the link on the shared threads of {@code resources}; nothing is sent before {@link #start()}.
     *
     * @throws IllegalArgumentException when the broker URL is invalid for Paho
     */
    public VehicleLink(String vehicleId, LinkSettings settings, LinkResources resources, RandomGenerator random) {
        this.vehicleId = vehicleId;
        this.settings = settings;
        this.scheduler = resources.scheduler();
        this.connects = resources.connects();
        this.serial = new SerialExecutor(scheduler);
        this.backoff = new Backoff(
                settings.reconnectInitialDelay(),
                settings.reconnectMaxDelay(),
                settings.reconnectJitterFraction(),
                random);
        this.telemetryTopic = Topics.telemetry(settings.fleetId(), vehicleId);
        this.presenceTopic = Topics.presence(settings.fleetId(), vehicleId);
        this.commandsTopic = Topics.commands(settings.fleetId(), vehicleId);
        this.commandAcksTopic = Topics.commandAcks(settings.fleetId(), vehicleId);
        this.commands = settings.commands() ? new CommandResponder(vehicleId, Clock.systemUTC()) : null;
        this.connectSocketFactory = socketFactory.forServerUri(settings.brokerUrl(), settings.sslContext());
        this.clientExecutor = resources.clientExecutor();
        this.journal = resources.journalOf(settings.fleetId(), vehicleId);
        List<StoredFix> stored = journal.restored();
        this.restored = stored.size();
        this.maxRestoredSeq = stored.stream().mapToLong(StoredFix::seq).max().orElse(-1);
        try {
            // The check that Paho's client constructor runs, done here because the client is created later.
            NetworkModuleService.validateURI(settings.brokerUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "broker URL '" + settings.brokerUrl() + "' is invalid for Paho: " + e.getMessage(), e);
        }
        restore(stored);
    }

    /** Queues the fixes a previous run left on disk, under their record ids, so that new fixes follow them. */
    private void restore(List<StoredFix> stored) {
        for (StoredFix fix : stored) {
            outbox.put(fix.recordId(), new Outgoing(fix.recordId(), fix.seq(), fix.payload()));
            nextSubmission = fix.recordId() + 1;
        }
        trimOutbox();
        updatePending();
    }

    /** Returns the Paho client, creating it on the first call; called on the link's executor only. */
    private MqttAsyncClient client() throws MqttException {
        MqttAsyncClient existing = client;
        if (existing != null) {
            return existing;
        }
        MqttAsyncClient created = new MqttAsyncClient(
                settings.brokerUrl(),
                vehicleId,
                new MemoryPersistence(),
                new TimerPingSender(scheduler),
                clientExecutor);
        created.setCallback(new ConnectionCallback());
        client = created;
        return created;
    }

    private boolean isClientConnected() {
        MqttAsyncClient existing = client;
        return existing != null && existing.isConnected();
    }

    public String vehicleId() {
        return vehicleId;
    }

    /** Starts the first connect attempt. */
    public void start() {
        serial.execute(this::connect);
    }

    /** Queues a fix; it is sent as soon as the link is connected and the window has room. */
    public void submit(Telemetry fix) {
        submitPayload(fix.seq(), TelemetryCodec.encode(fix));
    }

    /**
     * Queues a telemetry payload as it is, valid or not, behind every payload submitted before it. A payload
     * submitted twice is published twice.
     *
     * @param seq the seq that logs name the payload by
     */
    public void submitPayload(long seq, byte[] payload) {
        // Counted at once, so that pending() is never 0 while a fix waits for the serial executor.
        submitting.incrementAndGet();
        serial.execute(() -> {
            try {
                queue(seq, payload);
            } finally {
                if (submitting.decrementAndGet() == 0 && pending == 0) {
                    idleListener.run();
                }
            }
        });
    }

    private void queue(long seq, byte[] payload) {
        if (rejection != null) {
            discarded.incrementAndGet();
            return;
        }
        long submission = nextSubmission++;
        outbox.put(submission, new Outgoing(submission, seq, payload));
        journal.append(submission, seq, payload);
        trimOutbox();
        updatePending();
        drain();
    }

    /** Sets the action that runs, on the link's executor, each time the last pending fix leaves the link. */
    public void onIdle(Runnable listener) {
        this.idleListener = listener;
    }

    /** Sets the action that runs, on the link's executor, once the broker rejected the connect for good. */
    /** Sets the observer of every telemetry publish and its acknowledgement; the benchmark uses it to time them. */
    public void observePublishes(PublishObserver observer) {
        this.publishObserver = observer;
    }

    public void onConnectRejected(Runnable listener) {
        this.rejectionListener = listener;
    }

    /** Returns why the broker rejected the connect for good, or null while connecting may still succeed. */
    public @Nullable ConnectRejection connectRejection() {
        return rejection;
    }

    public String brokerUrl() {
        return settings.brokerUrl();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Returns how many telemetry PUBLISH packets were handed to the client, resends included. */
    public long published() {
        return published.get();
    }

    /** Returns how many fixes the broker acknowledged with a success reason code. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Returns how many fixes the broker rejected with an error reason code. They are not sent again. */
    public long rejected() {
        return rejected.get();
    }

    /** Returns how many fixes the full outbox dropped. */
    public long dropped() {
        return dropped.get();
    }

    /** Returns how many times the broker acknowledged a fix with QUOTA_EXCEEDED, so that it was queued again. */
    public long quotaRetries() {
        return quotaRetries.get();
    }

    /** Returns how many fixes were discarded unsent because the broker rejected the connect for good. */
    public long discarded() {
        return discarded.get();
    }

    /** Returns how many fixes a previous run left in the buffer on disk for this vehicle. */
    public long restored() {
        return restored;
    }

    /** Returns the highest seq among the restored fixes, or -1 when none was restored. */
    public long maxRestoredSeq() {
        return maxRestoredSeq;
    }

    /** Returns how many commands the vehicle applied, repeated command ids not counted. */
    public long commandsApplied() {
        return commands == null ? 0 : commands.applied();
    }

    /** Returns how many times the link connected again after its first connect. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Returns how many fixes wait in the outbox or in flight, not yet acknowledged. */
    public int pending() {
        return pending + submitting.get();
    }

    /**
     * Closes the TCP connection without an MQTT DISCONNECT, as a vehicle losing its network would; the broker then
     * publishes the will ({@code offline}) and the link reconnects with backoff.
     */
    public void dropConnection() {
        try {
            socketFactory.closeLastSocket();
        } catch (IOException e) {
            log.warn("Closing the socket of vehicle {} failed: {}", vehicleId, e.getMessage());
        }
    }

    /**
     * Publishes the retained {@code offline} presence, disconnects normally and releases the client. Fixes still
     * pending are discarded. Completes when done or after the close timeout.
     */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serial.execute(() -> beginClose(done));
        return done.completeOnTimeout(null, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> releaseClient());
    }

    /** Waits for a connect permit, so that only a bounded number of vehicles connect at the same time. */
    private void connect() {
        if (closing || rejection != null) {
            return;
        }
        connects.acquire(() -> serial.execute(this::connectWithPermit));
    }

    private void connectWithPermit() {
        if (closing || rejection != null) {
            connects.release();
            return;
        }
        // Paho calls a connect listener once, but the permit must not come back twice if it ever did not.
        AtomicBoolean permitHeld = new AtomicBoolean(true);
        Runnable releasePermit = () -> {
            if (permitHeld.compareAndSet(true, false)) {
                connects.release();
            }
        };
        try {
            client().connect(connectionOptions(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    releasePermit.run();
                    serial.execute(() -> onConnected(token));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    releasePermit.run();
                    serial.execute(() -> onConnectFailed(error));
                }
            });
        } catch (MqttException e) {
            releasePermit.run();
            onConnectFailed(e);
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.username());
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setSocketFactory(connectSocketFactory);
        options.setHttpsHostnameVerificationEnabled(true);
        options.setWill(presenceTopic, presenceMessage(Presence.OFFLINE));
        return options;
    }

    private void onConnected(IMqttToken token) {
        if (closing) {
            return;
        }
        if (!isClientConnected()) {
            // The connection dropped before this task ran; its loss event was ignored because we were not connected.
            scheduleReconnect("connection dropped right after connect");
            return;
        }
        connected = true;
        generation++;
        window = windowFor(token.getResponseProperties());
        log.debug("Vehicle {} sends up to {} telemetry publishes unacknowledged", vehicleId, window);
        backoff.reset();
        connectFailureLogged = false;
        if (everConnected) {
            reconnects.incrementAndGet();
            connections.info(
                    "Vehicle {} reconnected to {}; resending {} fixes", vehicleId, settings.brokerUrl(), pending);
        } else {
            connections.debug("Vehicle {} connected to {}", vehicleId, settings.brokerUrl());
        }
        everConnected = true;
        subscribeToCommands();
        publishPresence(Presence.ONLINE, this::drain);
        drain();
    }

    /** Subscribes to the vehicle's commands topic on each connect, because the session starts clean. */
    private void subscribeToCommands() {
        if (commands == null) {
            return;
        }
        try {
            client().subscribe(commandsTopic, 1, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    log.debug("Vehicle {} subscribed to {}", vehicleId, commandsTopic);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.warn("Vehicle {} could not subscribe to {}: {}", vehicleId, commandsTopic, error.toString());
                }
            });
        } catch (MqttException e) {
            log.warn("Vehicle {} could not subscribe to {}: {}", vehicleId, commandsTopic, e.getMessage());
        }
    }

    /** Publishes the acks for one command message, in order, at QoS 1. */
    private void answerCommand(byte[] payload) {
        CommandResponder responder = commands;
        if (responder == null || closing) {
            return;
        }
        for (CommandAck ack : responder.respond(payload)) {
            MqttMessage message = new MqttMessage(Json.encode(ack));
            message.setQos(1);
            message.setRetained(false);
            try {
                client().publish(commandAcksTopic, message);
            } catch (MqttException e) {
                // TODO: queue acks that meet a full in-flight window; until then the tracker keeps the command as
                // published.
                log.warn(
                        "Vehicle {} could not send the {} ack of command {}: {}",
                        vehicleId,
                        ack.status().code(),
                        ack.commandId(),
                        e.getMessage());
            }
        }
    }

    /** Leaves one slot of the broker's receive maximum for the presence publish. */
    private int windowFor(@Nullable MqttProperties connAck) {
        Integer receiveMaximum = connAck == null ? null : connAck.getReceiveMaximum();
        int brokerLimit = receiveMaximum == null ? 65_535 : receiveMaximum;
        return Math.max(1, Math.min(settings.maxInFlight(), brokerLimit - 1));
    }

    private void onConnectFailed(Throwable error) {
        if (closing) {
            return;
        }
        ConnectRejection permanent =
                error instanceof MqttException e ? ConnectRejection.ofPermanent(e.getReasonCode()) : null;
        if (permanent != null) {
            stopConnecting(permanent);
            return;
        }
        String reason = TlsErrors.describe(error)
                .orElseGet(() -> error instanceof MqttException e
                        ? e.getMessage() + " (reason code " + e.getReasonCode() + ")"
                        : error.toString());
        if (!connectFailureLogged) {
            connections.warn("Vehicle {} could not connect to {}: {}", vehicleId, settings.brokerUrl(), reason);
            connectFailureLogged = true;
        }
        scheduleReconnect(reason);
    }

    /** Gives up the pending fixes; the buffer on disk keeps them, so a run with working credentials sends them. */
    private void stopConnecting(ConnectRejection permanent) {
        rejection = permanent;
        long discardedNow = outbox.size() + inFlight.size();
        discarded.addAndGet(discardedNow);
        outbox.clear();
        inFlight.clear();
        connections.error(
                "Vehicle {} stopped connecting to {} because the broker rejected its connect with reason code {} ({})."
                        + " It discarded {} pending fixes",
                vehicleId,
                settings.brokerUrl(),
                permanent.reasonCodeHex(),
                permanent.reason(),
                discardedNow);
        updatePending();
        rejectionListener.run();
    }

    private void onConnectionLost(String cause) {
        if (!connected) {
            return;
        }
        connected = false;
        generation++;
        outbox.putAll(inFlight);
        inFlight.clear();
        trimOutbox();
        updatePending();
        if (closing) {
            return;
        }
        connections.info(
                "Vehicle {} lost its connection to {}: {}; {} fixes buffered",
                vehicleId,
                settings.brokerUrl(),
                cause,
                pending);
        scheduleReconnect(cause);
    }

    private void scheduleReconnect(String cause) {
        if (closing) {
            return;
        }
        Duration delay = backoff.nextDelay();
        log.debug("Vehicle {} connects again in {} ms after: {}", vehicleId, delay.toMillis(), cause);
        reconnectTask = scheduler.schedule(() -> serial.execute(this::connect), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void drain() {
        while (connected && !quotaPaused && !outbox.isEmpty() && inFlight.size() < window) {
            Outgoing fix = outbox.firstEntry().getValue();
            if (!publish(fix)) {
                return;
            }
            outbox.pollFirstEntry();
            inFlight.put(fix.submission(), fix);
            published.incrementAndGet();
        }
    }

    private boolean publish(Outgoing fix) {
        MqttMessage message = new MqttMessage(fix.payload());
        message.setQos(1);
        message.setRetained(false);
        int publishGeneration = generation;
        publishObserver.publishing(fix.seq());
        try {
            client().publish(telemetryTopic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    serial.execute(() -> onPublishAcknowledged(fix, publishGeneration, token.getReasonCodes()));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    serial.execute(() -> onPublishFailed(fix, publishGeneration, error));
                }
            });
            return true;
        } catch (MqttException e) {
            onPublishNotAccepted(e);
            return false;
        }
    }

    private void onPublishNotAccepted(MqttException e) {
        if (e.getReasonCode() == TOO_MANY_PUBLISHES) {
            // The presence publish shares Paho's window; its completion or an ack calls drain() again.
            if (inFlight.isEmpty()) {
                scheduler.schedule(
                        () -> serial.execute(this::drain), WINDOW_RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (!isClientConnected()) {
            onConnectionLost("publish failed: " + e.getMessage());
            return;
        }
        log.warn(
                "Publishing telemetry of vehicle {} failed: {} (reason code {}); retrying in {} ms",
                vehicleId,
                e.getMessage(),
                e.getReasonCode(),
                WINDOW_RETRY_DELAY.toMillis());
        scheduler.schedule(() -> serial.execute(this::drain), WINDOW_RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onPublishAcknowledged(Outgoing fix, int publishGeneration, int @Nullable [] reasonCodes) {
        if (publishGeneration != generation || inFlight.remove(fix.submission()) == null) {
            // The fix went back into the outbox when the connection dropped and will be sent again.
            return;
        }
        int reasonCode = reasonCodes == null || reasonCodes.length == 0 ? 0 : reasonCodes[0];
        if (reasonCode == QUOTA_EXCEEDED) {
            retryAfterQuota(fix);
            return;
        }
        journal.remove(fix.submission());
        if (reasonCode >= 0x80) {
            rejected.incrementAndGet();
            log.warn(
                    "Broker rejected telemetry seq {} of vehicle {} with reason code {}",
                    fix.seq(),
                    vehicleId,
                    reasonCode);
        } else {
            acknowledged.incrementAndGet();
            publishObserver.acknowledged(fix.seq());
        }
        updatePending();
        drain();
    }

    private void onPublishFailed(Outgoing fix, int publishGeneration, Throwable error) {
        if (publishGeneration != generation || !inFlight.containsKey(fix.submission())) {
            return;
        }
        int reasonCode = error instanceof MqttException e ? e.getReasonCode() : -1;
        if (reasonCode == QUOTA_EXCEEDED) {
            inFlight.remove(fix.submission());
            retryAfterQuota(fix);
            return;
        }
        if (reasonCode >= 0x80 && reasonCode <= 0xFF) {
            inFlight.remove(fix.submission());
            journal.remove(fix.submission());
            rejected.incrementAndGet();
            log.warn(
                    "Broker rejected telemetry seq {} of vehicle {} with reason code {}",
                    fix.seq(),
                    vehicleId,
                    reasonCode);
            updatePending();
            drain();
            return;
        }
        if (!isClientConnected()) {
            onConnectionLost(error.toString());
            return;
        }
        log.warn("Telemetry seq {} of vehicle {} failed: {}; sending it again", fix.seq(), vehicleId, error.toString());
        outbox.put(fix.submission(), inFlight.remove(fix.submission()));
        drain();
    }

    /**
     * Puts a fix that the broker's rate limit stopped back into the outbox, and pauses sending for {@link
     * #QUOTA_RETRY_DELAY}, so that a rate-limited vehicle loses nothing.
     */
    private void retryAfterQuota(Outgoing fix) {
        outbox.put(fix.submission(), fix);
        trimOutbox();
        updatePending();
        quotaRetries.incrementAndGet();
        if (!quotaPaused) {
            log.debug(
                    "Broker rate-limited telemetry of vehicle {}; sending again in {} ms",
                    vehicleId,
                    QUOTA_RETRY_DELAY.toMillis());
        }
        if (quotaPaused) {
            return;
        }
        quotaPaused = true;
        scheduler.schedule(
                () -> serial.execute(() -> {
                    quotaPaused = false;
                    drain();
                }),
                QUOTA_RETRY_DELAY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void publishPresence(Presence presence, Runnable whenDone) {
        try {
            client().publish(presenceTopic, presenceMessage(presence), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    serial.execute(whenDone);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.debug(
                            "Presence {} of vehicle {} was not acknowledged: {}",
                            presence.text(),
                            vehicleId,
                            error.toString());
                    serial.execute(whenDone);
                }
            });
        } catch (MqttException e) {
            log.debug("Presence {} of vehicle {} was not sent: {}", presence.text(), vehicleId, e.getMessage());
            serial.execute(whenDone);
        }
    }

    private static MqttMessage presenceMessage(Presence presence) {
        MqttMessage message = new MqttMessage(presence.payload());
        message.setQos(1);
        message.setRetained(true);
        return message;
    }

    private void trimOutbox() {
        boolean dropNewest = settings.overflow() == OverflowPolicy.DROP_NEWEST;
        while (outbox.size() > settings.bufferSize()) {
            Outgoing droppedFix = dropNewest
                    ? outbox.pollLastEntry().getValue()
                    : outbox.pollFirstEntry().getValue();
            journal.remove(droppedFix.submission());
            if (dropped.incrementAndGet() == 1) {
                log.warn(
                        "Outbox of vehicle {} is full at {} fixes; dropping the {} from now on",
                        vehicleId,
                        settings.bufferSize(),
                        dropNewest ? "newest" : "oldest");
            }
        }
    }

    private void updatePending() {
        int before = pending;
        pending = outbox.size() + inFlight.size();
        if (pending == 0 && before != 0) {
            idleListener.run();
        }
    }

    private void beginClose(CompletableFuture<Void> done) {
        closing = true;
        ScheduledFuture<?> task = reconnectTask;
        if (task != null) {
            task.cancel(false);
        }
        if (!connected || !isClientConnected()) {
            done.complete(null);
            return;
        }
        publishPresence(Presence.OFFLINE, () -> disconnect(done));
    }

    private void disconnect(CompletableFuture<Void> done) {
        connected = false;
        try {
            client().disconnect(
                            settings.closeTimeout().toMillis(),
                            null,
                            new MqttActionListener() {
                                @Override
                                public void onSuccess(IMqttToken token) {
                                    connections.debug("Vehicle {} disconnected", vehicleId);
                                    done.complete(null);
                                }

                                @Override
                                public void onFailure(IMqttToken token, Throwable error) {
                                    connections.info("Vehicle {} disconnect failed: {}", vehicleId, error.toString());
                                    done.complete(null);
                                }
                            },
                            0,
                            new MqttProperties());
        } catch (MqttException e) {
            connections.info("Vehicle {} disconnect failed: {}", vehicleId, e.getMessage());
            done.complete(null);
        }
    }

    private void releaseClient() {
        try {
            MqttAsyncClient existing = client;
            if (existing != null) {
                existing.close(true);
            }
        } catch (MqttException e) {
            log.debug("Closing the MQTT client of vehicle {} failed: {}", vehicleId, e.getMessage());
        }
    }

    /** Forwards Paho's connection events to the link's serial executor. */
    private final class ConnectionCallback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String cause = response.getException() != null
                    ? response.getException().getMessage()
                    : "broker sent DISCONNECT with reason code " + response.getReturnCode();
            serial.execute(() -> onConnectionLost(cause));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error on vehicle {}: {}", vehicleId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commands != null && topic.equals(commandsTopic)) {
                byte[] payload = message.getPayload();
                serial.execute(() -> answerCommand(payload));
                return;
            }
            log.debug("Vehicle {} ignores a message on {}", vehicleId, topic);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Completions are handled by each publish's own listener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Connects are handled by the connect listener.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            log.debug("Vehicle {} ignores an AUTH packet with reason code {}", vehicleId, reasonCode);
        }
    }

    /** A telemetry payload and the order in which it was submitted; {@code seq} only names it in logs. */
    private record Outgoing(long submission, long seq, byte[] payload) {}
}
