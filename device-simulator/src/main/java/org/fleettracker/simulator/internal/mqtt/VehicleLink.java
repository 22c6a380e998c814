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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TelemetryProperties;
import org.fleettracker.protocol.api.TlsErrors;
import org.fleettracker.protocol.api.TopicAddress;
import org.fleettracker.protocol.api.TopicKind;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
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
 * <p>With a buffer on disk, every fix submitted is also written to its vehicle's {@link VehicleJournal}, and leaves it
 * when acknowledged, rejected or dropped. Fixes a previous run left there go into the outbox at construction, ahead
 * of every new fix, and keep their seq.
 *
 * <p>Command acks wait in a queue in memory that goes before the outbox and shares the in-flight window, so an ack
 * that meets a full window waits for a free slot. An ack whose PUBACK has not come when the connection drops goes back
 * to the head of that queue and is sent again after the next connect. The tracker ignores an ack it already applied.
 *
 * <p>The link reconnects on its own with {@link Backoff}; Paho's automatic reconnect is off because it neither
 * resends the publishes of a clean-start session nor lets the caller see when to resend. A CONNACK with a reason
 * code that connecting again cannot fix (see {@link ConnectRejection}) ends the link for good: it stops
 * connecting, and it discards and counts its pending fixes and every fix submitted later. All state is confined to
 * one {@link SerialExecutor}; the public methods are thread-safe.
 *
 * <p>A gateway link ({@link #gateway}) carries many vehicles, its {@link #members()}, on one connection: each fix
 * goes to its own vehicle's telemetry topic through the shared outbox, in which each vehicle keeps up to the buffer
 * size of fixes, and is written to its own vehicle's journal. Presence waits in the queue of the acks. A gateway sets
 * no will, because a will covers one topic; it publishes each vehicle's {@code online} presence after each connect
 * and {@code offline} when it closes, and reads the commands of all its vehicles with one subscription.
 */
public final class VehicleLink implements TelemetryLink {

    private static final Logger log = LoggerFactory.getLogger(VehicleLink.class);
    private static final Logger connections = LoggerFactory.getLogger("org.fleettracker.simulator.connections");

    /** Paho's reason code for a full in-flight window ("too many publishes in progress"). */
    private static final int TOO_MANY_PUBLISHES = MqttClientException.REASON_CODE_MAX_INFLIGHT;

    /** Wait before trying again when the window is full but no publish of this link is outstanding. */
    private static final Duration WINDOW_RETRY_DELAY = Duration.ofMillis(100);

    /** PUBACK reason code of a broker whose publish rate limit the vehicle exceeded; the fix is sent again. */
    static final int QUOTA_EXCEEDED = 0x97;

    /** PUBACK reason code of a PUBLISH that the broker's authorizer denied. */
    private static final int NOT_AUTHORIZED = 0x87;

    /** Pause of the outbox after a QUOTA_EXCEEDED, so the broker's token bucket can refill. */
    private static final Duration QUOTA_RETRY_DELAY = Duration.ofSeconds(1);

    /** The MQTT client id: the vehicle id, or a gateway's own id. */
    private final String clientId;

    private final boolean gateway;
    private final LinkSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ConnectLimiter connects;
    private final SerialExecutor serial;
    private final Backoff backoff;
    /** The vehicle's commands topic, or for a gateway the filter of the commands of every vehicle of its fleet. */
    private final String commandsTopic;
    /** The vehicles of the link by vehicle id, in creation order: one, or for a gateway many. */
    private final Map<String, Member> members = new LinkedHashMap<>();

    private final DroppableSocketFactory socketFactory = new DroppableSocketFactory();
    /** The same factory for {@code tcp://}, a TLS factory that still reports its sockets to it for {@code ssl://}. */
    private final SocketFactory connectSocketFactory;

    private final ClientExecutor clientExecutor;
    private final LinkMeters meters;

    /**
     * The Paho client, created at the first connect. Paho 1.2.5 allocates an in-flight vector of 65,535 slots (256 KiB)
     * in each new client, so creating 5,000 clients up front needs over 1 GiB of heap for a moment.
     */
    private volatile @Nullable MqttAsyncClient client;

    /** Payloads not yet handed to the client, by submission number, so they leave in the order submitted. */
    private final Outbox<Outgoing> outbox = new Outbox<>(Outgoing::member);

    private final NavigableMap<Long, Outgoing> inFlight = new TreeMap<>();
    /** {@link System#nanoTime()} of the last send of each fix in flight, by submission number. */
    private final Map<Long, Long> sentNanos = new HashMap<>();
    /** Command acks, and a gateway's presence, sent before any telemetry of the outbox. */
    private final Deque<Control> control = new ArrayDeque<>();
    /** The acks and presence handed to the client and not yet acknowledged, by their number. */
    private final NavigableMap<Long, Control> controlInFlight = new TreeMap<>();

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
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
    private long nextControl;
    /** A gateway's close waiting for its offline presences, or null. */
    private @Nullable CompletableFuture<Void> closeAfterControl;

    private @Nullable ScheduledFuture<?> reconnectTask;
    private @Nullable CompletableFuture<Void> closed;

    /**
     * Creates the link on the shared threads of {@code resources}; nothing is sent before {@link #start()}.
     *
     * @throws IllegalArgumentException when the broker URL is invalid for Paho
     */
    public VehicleLink(String vehicleId, LinkSettings settings, LinkResources resources, RandomGenerator random) {
        this(vehicleId, List.of(vehicleId), false, settings, resources, random);
    }

    /**
     * Creates a gateway link that connects as {@code clientId} and publishes for {@code vehicleIds}, all of the fleet
     * of {@code settings}; nothing is sent before the first {@link Member#start()}.
     *
     * @throws IllegalArgumentException when the broker URL is invalid for Paho or {@code vehicleIds} is empty
     */
    public static VehicleLink gateway(
            String clientId,
            List<String> vehicleIds,
            LinkSettings settings,
            LinkResources resources,
            RandomGenerator random) {
        if (vehicleIds.isEmpty()) {
            throw new IllegalArgumentException("gateway " + clientId + " needs at least one vehicle");
        }
        return new VehicleLink(clientId, vehicleIds, true, settings, resources, random);
    }

    private VehicleLink(
            String clientId,
            List<String> vehicleIds,
            boolean gateway,
            LinkSettings settings,
            LinkResources resources,
            RandomGenerator random) {
        this.clientId = clientId;
        this.gateway = gateway;
        this.settings = settings;
        this.scheduler = resources.scheduler();
        this.connects = resources.connects();
        this.serial = new SerialExecutor(scheduler);
        this.backoff = new Backoff(
                settings.reconnectInitialDelay(),
                settings.reconnectMaxDelay(),
                settings.reconnectJitterFraction(),
                random);
        this.commandsTopic = gateway
                ? Topics.vehicleFilter(settings.fleetId(), TopicKind.COMMANDS)
                : Topics.commands(settings.fleetId(), clientId);
        Set<String> distinct = new HashSet<>();
        for (String vehicleId : vehicleIds) {
            if (!distinct.add(vehicleId)) {
                throw new IllegalArgumentException("gateway " + clientId + " lists vehicle " + vehicleId + " twice");
            }
        }
        this.connectSocketFactory = socketFactory.forServerUri(settings.brokerUrl(), settings.sslContext());
        this.clientExecutor = resources.clientExecutor();
        this.meters = resources.meters();
        try {
            // The check that Paho's client constructor runs, done here because the client is created later.
            NetworkModuleService.validateURI(settings.brokerUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "broker URL '" + settings.brokerUrl() + "' is invalid for Paho: " + e.getMessage(), e);
        }
        for (String vehicleId : vehicleIds) {
            members.put(vehicleId, new Member(vehicleId, resources.journalOf(settings.fleetId(), vehicleId)));
        }
        restore();
    }

    /**
     * Queues the fixes a previous run left on disk, ahead of every new fix. The fixes of all vehicles are ordered by
     * record id, so each vehicle's fixes keep their order, and get new submission numbers, because the record ids of
     * two vehicles may be equal. New fixes take record ids above every restored one, as each journal requires.
     */
    private void restore() {
        List<Outgoing> restoredFixes = new ArrayList<>();
        long maxRecordId = -1;
        for (Member member : members.values()) {
            for (StoredFix fix : member.journal.restored()) {
                restoredFixes.add(new Outgoing(-1, fix.recordId(), fix.seq(), fix.payload(), member));
                maxRecordId = Math.max(maxRecordId, fix.recordId());
            }
        }
        // A stable sort keeps the members' creation order among equal record ids.
        restoredFixes.sort(Comparator.comparingLong(Outgoing::recordId));
        for (Outgoing fix : restoredFixes) {
            long submission = nextSubmission++;
            outbox.put(submission, fix.withSubmission(submission));
            fix.member().pending.incrementAndGet();
        }
        nextSubmission = Math.max(nextSubmission, maxRecordId + 1);
        members.values().forEach(this::trimOutbox);
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
                clientId,
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

    /** Returns the MQTT client id, which for a plain link is its vehicle id. */
    @Override
    public String vehicleId() {
        return clientId;
    }

    /** Returns the vehicles of the link in creation order; a plain link has one. */
    public List<Member> members() {
        return List.copyOf(members.values());
    }

    /** Starts the first connect attempt; later calls change nothing. */
    @Override
    public void start() {
        if (started.compareAndSet(false, true)) {
            serial.execute(this::connect);
        }
    }

    /** Queues a fix of the link's first vehicle; it is sent once the link is connected and the window has room. */
    @Override
    public void submit(Telemetry fix) {
        submitPayload(fix.seq(), TelemetryCodec.encode(fix));
    }

    /**
     * Queues a telemetry payload of the link's first vehicle as it is, valid or not, behind every payload submitted
     * before it. A payload submitted twice is published twice.
     *
     * @param seq the seq that logs name the payload by
     */
    @Override
    public void submitPayload(long seq, byte[] payload) {
        submitPayload(members.values().iterator().next(), seq, payload);
    }

    private void submitPayload(Member member, long seq, byte[] payload) {
        // Counted at once, so that pending() is never 0 while a fix waits for the serial executor.
        submitting.incrementAndGet();
        member.pending.incrementAndGet();
        serial.execute(() -> {
            try {
                queue(member, seq, payload);
            } finally {
                if (submitting.decrementAndGet() == 0 && pending == 0) {
                    idleListener.run();
                }
            }
        });
    }

    private void queue(Member member, long seq, byte[] payload) {
        if (rejection != null) {
            member.discarded.incrementAndGet();
            member.left();
            return;
        }
        if (member.denied) {
            member.rejected.incrementAndGet();
            member.left();
            return;
        }
        long submission = nextSubmission++;
        outbox.put(submission, new Outgoing(submission, submission, seq, payload, member));
        member.journal.append(submission, seq, payload);
        trimOutbox(member);
        updatePending();
        drain();
    }

    /** Sets the action that runs, on the link's executor, each time the last pending fix leaves the link. */
    @Override
    public void onIdle(Runnable listener) {
        this.idleListener = listener;
    }

    /** Sets the observer of every telemetry publish and its acknowledgement; the benchmark uses it to time them. */
    public void observePublishes(PublishObserver observer) {
        this.publishObserver = observer;
    }

    /** Sets the action that runs, on the link's executor, once the broker rejected the connect for good. */
    @Override
    public void onConnectRejected(Runnable listener) {
        this.rejectionListener = listener;
    }

    @Override
    public @Nullable ConnectRejection connectRejection() {
        return rejection;
    }

    @Override
    public String brokerUrl() {
        return settings.brokerUrl();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    /** Returns how many telemetry PUBLISH packets were handed to the client, resends included. */
    @Override
    public long published() {
        return sum(member -> member.published.get());
    }

    /** Returns how many fixes the broker acknowledged with a success reason code. */
    @Override
    public long acknowledged() {
        return sum(member -> member.acknowledged.get());
    }

    /** Returns how many fixes the broker rejected with an error reason code. They are not sent again. */
    @Override
    public long rejected() {
        return sum(member -> member.rejected.get());
    }

    /** Returns how many fixes the full outbox dropped. */
    @Override
    public long dropped() {
        return sum(member -> member.dropped.get());
    }

    /** Returns how many times the broker acknowledged a fix with QUOTA_EXCEEDED, so that it was queued again. */
    @Override
    public long quotaRetries() {
        return sum(member -> member.quotaRetries.get());
    }

    /** Returns how many fixes were discarded unsent because the broker rejected the connect for good. */
    @Override
    public long discarded() {
        return sum(member -> member.discarded.get());
    }

    /**
     * Sets what the link's vehicle does with dispatch jobs; call before {@link #start()}. No effect without commands.
     * A gateway's vehicles each take their own handler through their {@link Member}.
     */
    @Override
    public void handleJobsWith(JobHandler handler) {
        firstMember().handleJobsWith(handler);
    }

    /** Publishes the {@code completed} ack of a command the link's vehicle carried out; nothing without commands. */
    @Override
    public void reportCompleted(String commandId) {
        firstMember().reportCompleted(commandId);
    }

    /** Returns how many fixes a previous run left in the buffer on disk for the link's vehicles. */
    @Override
    public long restored() {
        return sum(member -> member.restored);
    }

    /** Returns the highest seq among the restored fixes of the link's vehicles, or -1 when none was restored. */
    @Override
    public long maxRestoredSeq() {
        return members.values().stream()
                .mapToLong(member -> member.maxRestoredSeq)
                .max()
                .orElse(-1);
    }

    /** Returns how many commands the vehicles applied, repeated command ids not counted. */
    @Override
    public long commandsApplied() {
        return sum(Member::commandsApplied);
    }

    /** Returns how many times the link connected again after its first connect. */
    @Override
    public long reconnects() {
        return reconnects.get();
    }

    /** Returns how many fixes wait in the outbox or in flight, not yet acknowledged. */
    @Override
    public int pending() {
        return pending + submitting.get();
    }

    private long sum(ToLongFunction<Member> counter) {
        return members.values().stream().mapToLong(counter).sum();
    }

    /**
     * Closes the TCP connection without an MQTT DISCONNECT, as a vehicle losing its network would; the broker then
     * publishes the will ({@code offline}) and the link reconnects with backoff.
     */
    @Override
    public boolean dropConnection() {
        try {
            return socketFactory.closeLastSocket();
        } catch (IOException e) {
            log.warn("Closing the socket of vehicle {} failed: {}", clientId, e.getMessage());
            return false;
        }
    }

    /**
     * Publishes the retained {@code offline} presence of every vehicle, disconnects normally and releases the client.
     * Fixes still pending are discarded. Completes when done or after the close timeout; later calls return the same
     * future.
     */
    @Override
    public synchronized CompletableFuture<Void> close() {
        CompletableFuture<Void> existing = closed;
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        serial.execute(() -> beginClose(done));
        closed = done.completeOnTimeout(null, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> releaseClient());
        return closed;
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
        options.setUserName(settings.usernameOf(clientId));
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setSocketFactory(connectSocketFactory);
        options.setHttpsHostnameVerificationEnabled(true);
        // NOTE: a gateway that dies leaves its vehicles' retained online presence; the tracker marks them offline only
        // after fleet.online-silence-timeout.
        if (!gateway) {
            options.setWill(firstMember().presenceTopic, presenceMessage(Presence.OFFLINE));
        }
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
        log.debug("Vehicle {} sends up to {} telemetry publishes unacknowledged", clientId, window);
        backoff.reset();
        connectFailureLogged = false;
        meters.connected(everConnected);
        if (everConnected) {
            reconnects.incrementAndGet();
            connections.info(
                    "Vehicle {} reconnected to {}; resending {} fixes", clientId, settings.brokerUrl(), pending);
        } else {
            connections.debug("Vehicle {} connected to {}", clientId, settings.brokerUrl());
        }
        everConnected = true;
        subscribeToCommands();
        if (gateway) {
            queuePresence(Presence.ONLINE);
        } else {
            publishPresence(Presence.ONLINE, this::drain);
        }
        drain();
    }

    /** Subscribes to the vehicle's commands topic on each connect, because the session starts clean. */
    private void subscribeToCommands() {
        if (!settings.commands()) {
            return;
        }
        try {
            client().subscribe(commandsTopic, 1, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        // Paho reports a SUBACK failure code as a success, so the code is checked here.
                        log.error(
                                "The broker rejected the subscription of {} (user {}) to {} with reason code 0x{};"
                                        + " check that the account's role is {} and that it belongs to fleet {}",
                                clientId,
                                settings.usernameOf(clientId),
                                commandsTopic,
                                Integer.toHexString(codes[0]),
                                gateway ? "gateway" : "vehicle",
                                settings.fleetId());
                        return;
                    }
                    log.debug("Vehicle {} subscribed to {}", clientId, commandsTopic);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.warn("Vehicle {} could not subscribe to {}: {}", clientId, commandsTopic, error.toString());
                }
            });
        } catch (MqttException e) {
            log.warn("Vehicle {} could not subscribe to {}: {}", clientId, commandsTopic, e.getMessage());
        }
    }

    /**
     * Queues one command ack of {@code member} before the telemetry; call {@link #drain()} afterwards to send it. The
     * queue is in memory only, so acks not yet acknowledged by the broker are lost when the simulator stops.
     */
    private void publishAck(Member member, CommandAck ack) {
        control.add(new Control(nextControl++, member.commandAcksTopic, Json.encode(ack), false, member));
    }

    /** Publishes the acks of {@code member} for one command message, in order, at QoS 1. */
    private void answerCommand(Member member, byte[] payload) {
        CommandResponder responder = member.commands;
        if (responder == null || closing) {
            return;
        }
        for (CommandAck ack : responder.respond(payload)) {
            publishAck(member, ack);
        }
        drain();
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
        meters.connectFailed();
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
            connections.warn("Vehicle {} could not connect to {}: {}", clientId, settings.brokerUrl(), reason);
            connectFailureLogged = true;
        }
        scheduleReconnect(reason);
    }

    /** Gives up the pending fixes; the buffer on disk keeps them, so a run with working credentials sends them. */
    private void stopConnecting(ConnectRejection permanent) {
        rejection = permanent;
        long discardedNow = outbox.size() + inFlight.size();
        outbox.values().forEach(Outgoing::discard);
        inFlight.values().forEach(Outgoing::discard);
        outbox.clear();
        inFlight.clear();
        sentNanos.clear();
        control.clear();
        controlInFlight.clear();
        connections.error(
                "Vehicle {} stopped connecting to {} because the broker rejected its connect with reason code {} ({})."
                        + " It discarded {} pending fixes",
                clientId,
                settings.brokerUrl(),
                permanent.reasonCodeHex(),
                permanent.reason(),
                discardedNow);
        updatePending();
        rejectionListener.run();
        members.values().forEach(member -> member.rejectionListener.run());
    }

    private void onConnectionLost(String cause) {
        if (!connected) {
            return;
        }
        connected = false;
        generation++;
        meters.connectionLost();
        inFlight.forEach(outbox::put);
        inFlight.clear();
        sentNanos.clear();
        requeueControlInFlight();
        members.values().forEach(this::trimOutbox);
        updatePending();
        if (closing) {
            return;
        }
        connections.info(
                "Vehicle {} lost its connection to {}: {}; {} fixes buffered",
                clientId,
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
        log.debug("Vehicle {} connects again in {} ms after: {}", clientId, delay.toMillis(), cause);
        reconnectTask = scheduler.schedule(() -> serial.execute(this::connect), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void drain() {
        if (!drainControl()) {
            return;
        }
        while (connected && !quotaPaused && !outbox.isEmpty() && inFlight.size() + controlInFlight.size() < window) {
            Outgoing fix = outbox.first();
            if (fix.member().denied) {
                // A fix that was in flight when the broker denied its vehicle came back with the lost connection.
                outbox.pollFirst();
                fix.member().rejected.incrementAndGet();
                fix.member().left();
                updatePending();
                continue;
            }
            if (!publish(fix)) {
                return;
            }
            outbox.pollFirst();
            inFlight.put(fix.submission(), fix);
            sentNanos.put(fix.submission(), System.nanoTime());
            fix.member().published.incrementAndGet();
        }
    }

    /**
     * Sends queued acks and presence while the window has room. Returns false when Paho did not take a message, which
     * then stays at the head of the queue.
     */
    private boolean drainControl() {
        while (connected && !quotaPaused && !control.isEmpty() && inFlight.size() + controlInFlight.size() < window) {
            Control message = control.peekFirst();
            if (!publishControl(message)) {
                return false;
            }
            control.pollFirst();
            controlInFlight.put(message.number(), message);
        }
        return true;
    }

    private boolean publishControl(Control message) {
        MqttMessage mqttMessage = new MqttMessage(message.payload());
        mqttMessage.setQos(1);
        mqttMessage.setRetained(message.presence());
        int publishGeneration = generation;
        try {
            client().publish(message.topic(), mqttMessage, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    int reasonCode = codes == null || codes.length == 0 ? 0 : codes[0];
                    serial.execute(() -> onControlDone(message, publishGeneration, reasonCode, null));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.debug("Vehicle {} publish to {} failed: {}", clientId, message.topic(), error.toString());
                    int reasonCode = error instanceof MqttException e ? e.getReasonCode() : -1;
                    serial.execute(() -> onControlDone(message, publishGeneration, reasonCode, error));
                }
            });
            return true;
        } catch (MqttException e) {
            onPublishNotAccepted(e);
            return false;
        }
    }

    /**
     * Handles the PUBACK or the failure of an ack or presence. A message that failed in the client goes back to the
     * head of the queue, and when the connection was lost, so do all messages in flight. A message that the broker
     * rejected with QUOTA_EXCEEDED goes back after the pause of {@link #QUOTA_RETRY_DELAY}. Other error reason codes
     * end it.
     */
    private void onControlDone(Control message, int publishGeneration, int reasonCode, @Nullable Throwable error) {
        if (publishGeneration != generation || !controlInFlight.containsKey(message.number())) {
            // The connection dropped meanwhile, and the message went back into the queue.
            return;
        }
        boolean brokerReasonCode = reasonCode >= 0x80 && reasonCode <= 0xFF;
        if (error != null && !brokerReasonCode && !isClientConnected()) {
            onConnectionLost(error.toString());
            return;
        }
        controlInFlight.remove(message.number());
        if (reasonCode == QUOTA_EXCEEDED) {
            control.addFirst(message);
            pauseForQuota();
        } else if (error != null && !brokerReasonCode) {
            control.addFirst(message);
        } else if (reasonCode >= 0x80) {
            logRejectedControl(message, reasonCode);
        }
        if (reasonCode == NOT_AUTHORIZED && gateway) {
            deny(message.member());
        }
        if (!disconnectOnceControlSent()) {
            drain();
        }
    }

    private void logRejectedControl(Control message, int reasonCode) {
        if (message.presence()) {
            log.debug("Broker rejected the presence on {} with reason code {}", message.topic(), reasonCode);
            return;
        }
        log.warn(
                "Broker rejected a command ack of vehicle {} on {} with reason code {}; it is not sent again",
                message.member().vehicleId,
                message.topic(),
                reasonCode);
    }

    /**
     * Puts the acks whose PUBACK had not come when the connection dropped back at the head of the queue, in their
     * order, so they are sent again after the next connect. Presence in flight is dropped because each connect queues
     * it anew; the broker may have received an ack already, and the tracker ignores the repeat.
     */
    private void requeueControlInFlight() {
        for (Control message : controlInFlight.descendingMap().values()) {
            if (!message.presence()) {
                control.addFirst(message);
            }
        }
        controlInFlight.clear();
    }

    /** Disconnects a closing gateway once its offline presences left; returns whether it did. */
    private boolean disconnectOnceControlSent() {
        CompletableFuture<Void> done = closeAfterControl;
        if (done == null || !control.isEmpty() || !controlInFlight.isEmpty()) {
            return false;
        }
        closeAfterControl = null;
        disconnect(done);
        return true;
    }

    /**
     * Stops sending anything of a gateway's vehicle whose PUBLISH the broker denied with NOT_AUTHORIZED, and counts
     * its pending and later fixes as rejected. The broker closes the connection after each denied PUBLISH, so sending
     * on would cut off the gateway's other vehicles again and again.
     */
    private void deny(Member member) {
        if (member.denied) {
            return;
        }
        member.denied = true;
        control.removeIf(message -> message.member() == member);
        // The fixes stay in the vehicle's journal, as those of a rejected connect do, for a run that may send them.
        int rejectedNow = 0;
        for (Outgoing ignored : outbox.removeVehicle(member)) {
            member.rejected.incrementAndGet();
            member.left();
            rejectedNow++;
        }
        log.warn(
                "Gateway {} may not publish for vehicle {} (NOT_AUTHORIZED), so it stops sending for it and rejected"
                        + " its {} pending fixes",
                clientId,
                member.vehicleId,
                rejectedNow);
        updatePending();
    }

    /** Queues the presence of every vehicle of a gateway, replacing presence still queued from before. */
    private void queuePresence(Presence presence) {
        control.removeIf(Control::presence);
        for (Member member : members.values()) {
            if (!member.denied) {
                control.add(new Control(nextControl++, member.presenceTopic, presence.payload(), true, member));
            }
        }
    }

    private boolean publish(Outgoing fix) {
        MqttMessage message = new MqttMessage(fix.payload());
        message.setQos(1);
        message.setRetained(false);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(
                new UserProperty(TelemetryProperties.SENT_TIME, TelemetryProperties.formatSentTime(Instant.now()))));
        message.setProperties(properties);
        int publishGeneration = generation;
        publishObserver.publishing(fix.seq());
        try {
            client().publish(fix.member().telemetryTopic, message, null, new MqttActionListener() {
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
            if (inFlight.isEmpty() && controlInFlight.isEmpty()) {
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
                clientId,
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
        Long sentAt = sentNanos.remove(fix.submission());
        int reasonCode = reasonCodes == null || reasonCodes.length == 0 ? 0 : reasonCodes[0];
        if (reasonCode == QUOTA_EXCEEDED) {
            retryAfterQuota(fix);
            return;
        }
        fix.member().journal.remove(fix.recordId());
        if (reasonCode >= 0x80) {
            fix.member().rejected.incrementAndGet();
            fix.member().left();
            if (reasonCode == NOT_AUTHORIZED && gateway) {
                deny(fix.member());
            }
            log.warn(
                    "Broker rejected telemetry seq {} of vehicle {} with reason code {}",
                    fix.seq(),
                    fix.member().vehicleId,
                    reasonCode);
        } else {
            fix.member().acknowledged.incrementAndGet();
            fix.member().left();
            publishObserver.acknowledged(fix.seq());
            if (sentAt != null) {
                meters.acknowledged(System.nanoTime() - sentAt);
            }
        }
        updatePending();
        drain();
    }

    private void onPublishFailed(Outgoing fix, int publishGeneration, Throwable error) {
        if (publishGeneration != generation || !inFlight.containsKey(fix.submission())) {
            return;
        }
        int reasonCode = error instanceof MqttException e ? e.getReasonCode() : -1;
        sentNanos.remove(fix.submission());
        if (reasonCode == QUOTA_EXCEEDED) {
            inFlight.remove(fix.submission());
            retryAfterQuota(fix);
            return;
        }
        if (reasonCode >= 0x80 && reasonCode <= 0xFF) {
            inFlight.remove(fix.submission());
            fix.member().journal.remove(fix.recordId());
            fix.member().rejected.incrementAndGet();
            fix.member().left();
            if (reasonCode == NOT_AUTHORIZED && gateway) {
                deny(fix.member());
            }
            log.warn(
                    "Broker rejected telemetry seq {} of vehicle {} with reason code {}",
                    fix.seq(),
                    fix.member().vehicleId,
                    reasonCode);
            updatePending();
            drain();
            return;
        }
        if (!isClientConnected()) {
            onConnectionLost(error.toString());
            return;
        }
        log.warn(
                "Telemetry seq {} of vehicle {} failed: {}; sending it again",
                fix.seq(),
                fix.member().vehicleId,
                error.toString());
        outbox.put(fix.submission(), inFlight.remove(fix.submission()));
        drain();
    }

    /**
     * Puts a fix that the broker's rate limit stopped back into the outbox, and pauses sending for {@link
     * #QUOTA_RETRY_DELAY}, so that a rate-limited vehicle loses nothing.
     */
    private void retryAfterQuota(Outgoing fix) {
        outbox.put(fix.submission(), fix);
        trimOutbox(fix.member());
        updatePending();
        fix.member().quotaRetries.incrementAndGet();
        pauseForQuota();
    }

    /** Pauses sending telemetry, acks and presence for {@link #QUOTA_RETRY_DELAY}, unless already paused. */
    private void pauseForQuota() {
        if (quotaPaused) {
            return;
        }
        log.debug(
                "Broker rate-limited the publishes of vehicle {}; sending again in {} ms",
                clientId,
                QUOTA_RETRY_DELAY.toMillis());
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
            client().publish(firstMember().presenceTopic, presenceMessage(presence), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    serial.execute(whenDone);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.debug(
                            "Presence {} of vehicle {} was not acknowledged: {}",
                            presence.text(),
                            clientId,
                            error.toString());
                    serial.execute(whenDone);
                }
            });
        } catch (MqttException e) {
            log.debug("Presence {} of vehicle {} was not sent: {}", presence.text(), clientId, e.getMessage());
            serial.execute(whenDone);
        }
    }

    private static MqttMessage presenceMessage(Presence presence) {
        MqttMessage message = new MqttMessage(presence.payload());
        message.setQos(1);
        message.setRetained(true);
        return message;
    }

    /** Drops fixes of {@code member} beyond the buffer size of each vehicle, as the overflow policy sets. */
    private void trimOutbox(Member member) {
        boolean dropNewest = settings.overflow() == OverflowPolicy.DROP_NEWEST;
        for (Outgoing droppedFix : outbox.trim(member, settings.bufferSize(), dropNewest)) {
            member.journal.remove(droppedFix.recordId());
            member.left();
            if (member.dropped.incrementAndGet() == 1) {
                log.warn(
                        "Outbox of vehicle {} is full at {} fixes; dropping the {} from now on",
                        member.vehicleId,
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
        if (gateway) {
            control.removeIf(message -> !message.presence());
            queuePresence(Presence.OFFLINE);
            closeAfterControl = done;
            drain();
            disconnectOnceControlSent();
            return;
        }
        publishPresence(Presence.OFFLINE, () -> disconnect(done));
    }

    /**
     * Sends DISCONNECT from a thread of the Paho pool. Paho 1.2.5's {@code disconnect} sleeps 100 ms on the calling
     * thread after it started the disconnect, so calls on the link's executor, which shares the scheduler's two to
     * four threads with every link, would let only 20 to 40 vehicles a second disconnect.
     */
    private void disconnect(CompletableFuture<Void> done) {
        connected = false;
        MqttAsyncClient mqttClient = client;
        if (mqttClient == null) {
            done.complete(null);
            return;
        }
        try {
            clientExecutor.execute(() -> sendDisconnect(mqttClient, done));
        } catch (RejectedExecutionException e) {
            connections.info("Vehicle {} did not disconnect because the simulator's pool has shut down", clientId);
            done.complete(null);
        }
    }

    private void sendDisconnect(MqttAsyncClient mqttClient, CompletableFuture<Void> done) {
        try {
            mqttClient.disconnect(
                    settings.closeTimeout().toMillis(),
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            connections.debug("Vehicle {} disconnected", clientId);
                            done.complete(null);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable error) {
                            connections.info("Vehicle {} disconnect failed: {}", clientId, error.toString());
                            done.complete(null);
                        }
                    },
                    0,
                    new MqttProperties());
        } catch (MqttException e) {
            connections.info("Vehicle {} disconnect failed: {}", clientId, e.getMessage());
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
            log.debug("Closing the MQTT client of vehicle {} failed: {}", clientId, e.getMessage());
        }
    }

    /** Returns the vehicle of the link whose commands topic {@code topic} is, or null. */
    private @Nullable Member commandRecipient(String topic) {
        if (!settings.commands()) {
            return null;
        }
        if (!gateway) {
            return topic.equals(commandsTopic) ? firstMember() : null;
        }
        TopicAddress address = Topics.parse(topic).orElse(null);
        if (address == null || address.kind() != TopicKind.COMMANDS || address.vehicleId() == null) {
            return null;
        }
        return members.get(address.vehicleId());
    }

    private Member firstMember() {
        return members.values().iterator().next();
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
            log.warn("MQTT error on vehicle {}: {}", clientId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Member member = commandRecipient(topic);
            if (member != null) {
                byte[] payload = message.getPayload();
                serial.execute(() -> answerCommand(member, payload));
                return;
            }
            log.debug("Vehicle {} ignores a message on {}", clientId, topic);
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
            log.debug("Vehicle {} ignores an AUTH packet with reason code {}", clientId, reasonCode);
        }
    }

    /**
     * A telemetry payload, its vehicle and the order in which it was submitted; {@code seq} only names it in logs.
     *
     * @param recordId the fix's id in its vehicle's journal, equal to {@code submission} except for restored fixes
     */
    private record Outgoing(long submission, long recordId, long seq, byte[] payload, Member member) {

        Outgoing withSubmission(long number) {
            return new Outgoing(number, recordId, seq, payload, member);
        }

        void discard() {
            member.discarded.incrementAndGet();
            member.left();
        }
    }

    /**
     * A command ack, or a gateway's presence, sent at QoS 1 before telemetry and kept in memory only. Presence is
     * retained.
     *
     * @param number the order in which the message was queued, so that messages in flight go back in order
     */
    private record Control(long number, String topic, byte[] payload, boolean presence, Member member) {}

    /**
     * One vehicle of the link, with its topics, its command responder and its own counters. A vehicle of a gateway
     * shares the gateway's connection, so starting, dropping or closing it acts on the whole gateway.
     */
    public final class Member implements TelemetryLink {

        private final String vehicleId;
        private final String telemetryTopic;
        private final String presenceTopic;
        private final String commandAcksTopic;
        private final @Nullable CommandResponder commands;
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong discarded = new AtomicLong();
        private final AtomicLong quotaRetries = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile Runnable idleListener = () -> {};
        private volatile Runnable rejectionListener = () -> {};
        /** Whether the broker denied a PUBLISH of this gateway vehicle; confined to the link's executor. */
        private boolean denied;
        /** The vehicle's part of the buffer on disk, or {@link VehicleJournal#NONE}. */
        private final VehicleJournal journal;

        private final long restored;
        private final long maxRestoredSeq;

        private Member(String vehicleId, VehicleJournal journal) {
            this.vehicleId = vehicleId;
            this.journal = journal;
            this.restored = journal.restored().size();
            this.maxRestoredSeq =
                    journal.restored().stream().mapToLong(StoredFix::seq).max().orElse(-1);
            this.telemetryTopic = Topics.telemetry(settings.fleetId(), vehicleId);
            this.presenceTopic = Topics.presence(settings.fleetId(), vehicleId);
            this.commandAcksTopic = Topics.commandAcks(settings.fleetId(), vehicleId);
            this.commands = settings.commands() ? new CommandResponder(vehicleId, Clock.systemUTC()) : null;
        }

        @Override
        public void handleJobsWith(JobHandler handler) {
            if (commands != null) {
                commands.handleJobsWith(handler);
            }
        }

        @Override
        public void reportCompleted(String commandId) {
            serial.execute(() -> {
                if (commands != null && !closing) {
                    publishAck(this, commands.completed(commandId));
                    drain();
                }
            });
        }

        /** Counts one fix of this vehicle that left the link: acknowledged, rejected, dropped or discarded. */
        private void left() {
            if (pending.decrementAndGet() == 0) {
                idleListener.run();
            }
        }

        @Override
        public String vehicleId() {
            return vehicleId;
        }

        @Override
        public void start() {
            VehicleLink.this.start();
        }

        @Override
        public void submit(Telemetry fix) {
            submitPayload(fix.seq(), TelemetryCodec.encode(fix));
        }

        @Override
        public void submitPayload(long seq, byte[] payload) {
            VehicleLink.this.submitPayload(this, seq, payload);
        }

        @Override
        public void onIdle(Runnable listener) {
            this.idleListener = listener;
        }

        @Override
        public void onConnectRejected(Runnable listener) {
            this.rejectionListener = listener;
        }

        @Override
        public @Nullable ConnectRejection connectRejection() {
            return rejection;
        }

        @Override
        public String brokerUrl() {
            return settings.brokerUrl();
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public long published() {
            return published.get();
        }

        @Override
        public long acknowledged() {
            return acknowledged.get();
        }

        @Override
        public long rejected() {
            return rejected.get();
        }

        @Override
        public int pending() {
            return pending.get();
        }

        @Override
        public long dropped() {
            return dropped.get();
        }

        @Override
        public long quotaRetries() {
            return quotaRetries.get();
        }

        @Override
        public long discarded() {
            return discarded.get();
        }

        @Override
        public long commandsApplied() {
            return commands == null ? 0 : commands.applied();
        }

        /** Returns how many fixes a previous run left in the buffer on disk for this vehicle. */
        @Override
        public long restored() {
            return restored;
        }

        /** Returns the highest seq among this vehicle's restored fixes, or -1 when none was restored. */
        @Override
        public long maxRestoredSeq() {
            return maxRestoredSeq;
        }

        /** Returns the link's reconnects for its first vehicle and 0 for the others, so sums count connections. */
        @Override
        public long reconnects() {
            return this == firstMember() ? reconnects.get() : 0;
        }

        @Override
        public boolean dropConnection() {
            return VehicleLink.this.dropConnection();
        }

        @Override
        public CompletableFuture<Void> close() {
            return VehicleLink.this.close();
        }
    }
}
