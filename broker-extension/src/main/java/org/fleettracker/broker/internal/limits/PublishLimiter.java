package org.fleettracker.broker.internal.limits;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import org.fleettracker.broker.api.PublishRateLimit;
import org.fleettracker.broker.api.SecurityCounter;
import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.broker.internal.auth.ConnectionEvents;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Enforces the payload size limit and the publish rate limit of one client; HiveMQ creates no state per client
 * beyond this object, which it drops with the client's connection.
 *
 * <p>A PUBLISH over either limit is not delivered. An MQTT 5 client gets a PUBACK (QoS 1) or PUBREC (QoS 2) with
 * QUOTA_EXCEEDED for the rate or IMPLEMENTATION_SPECIFIC_ERROR for the size, and a reason string, and stays connected.
 * HiveMQ CE 2025.5 disconnects an MQTT 3 client instead (read in its bytecode, not tested), because MQTT 3 has no
 * failure code in a PUBACK. A client
 * with more than {@link SecuritySettings#maxLimitViolations()} such PUBLISH packets within {@link
 * SecuritySettings#limitViolationWindow()} is disconnected with MESSAGE_RATE_TOO_HIGH, or PACKET_TOO_LARGE when the
 * last one was too large.
 *
 * <p>HiveMQ CE 2025.5 runs inbound publish interceptors before the publish authorizer, so a PUBLISH that this class
 * stops never reaches the authorizer, and a PUBLISH that the authorizer would deny still uses a token.
 */
public final class PublishLimiter implements PublishInboundInterceptor {

    private final String clientId;
    private final int maxPayloadBytes;
    private final int maxViolations;
    private final long violationWindowNanos;
    private final @Nullable TokenBucket bucket;
    private final Disconnector disconnector;
    private final LongSupplier nanoTime;

    private long violationWindowStartNanos;
    private int violations;
    private boolean disconnecting;

    /** Closes a client's connection; {@code Services.clientService()::disconnectClient} in the broker. */
    @FunctionalInterface
    public interface Disconnector {
        void disconnect(String clientId, DisconnectReasonCode reasonCode, String reasonString);
    }

    public PublishLimiter(
            String clientId,
            PublishRateLimit rateLimit,
            SecuritySettings settings,
            Disconnector disconnector,
            LongSupplier nanoTime) {
        this.clientId = clientId;
        this.maxPayloadBytes = settings.maxPayloadBytes();
        this.maxViolations = settings.maxLimitViolations();
        this.violationWindowNanos = settings.limitViolationWindow().toNanos();
        this.bucket = rateLimit.unlimited() ? null : new TokenBucket(rateLimit, nanoTime.getAsLong());
        this.disconnector = disconnector;
        this.nanoTime = nanoTime;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket publish = input.getPublishPacket();
        int payloadBytes = publish.getPayload().map(ByteBuffer::remaining).orElse(0);
        Outcome outcome = check(payloadBytes);
        if (outcome == Outcome.DELIVER) {
            return;
        }
        boolean oversize = outcome == Outcome.OVERSIZE || outcome == Outcome.OVERSIZE_DISCONNECT;
        String reason = oversize
                ? "Payload of " + payloadBytes + " bytes exceeds the limit of " + maxPayloadBytes + " bytes"
                : "Publish rate limit exceeded; slow down and send again later";
        ConnectionEvents.publishLimited(
                input,
                publish.getTopic(),
                oversize ? SecurityCounter.PUBLISHES_OVERSIZE : SecurityCounter.PUBLISHES_RATE_LIMITED,
                reason);
        output.preventPublishDelivery(
                oversize ? AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR : AckReasonCode.QUOTA_EXCEEDED, reason);
        if (outcome == Outcome.RATE_DISCONNECT || outcome == Outcome.OVERSIZE_DISCONNECT) {
            DisconnectReasonCode code =
                    oversize ? DisconnectReasonCode.PACKET_TOO_LARGE : DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH;
            String disconnectReason = "More than " + maxViolations + " PUBLISH packets over the rate or size limit";
            ConnectionEvents.limitDisconnect(input, code.name(), disconnectReason);
            // NOTE: HiveMQ disconnects by client id, so a connection that has just taken over this id is closed too.
            disconnector.disconnect(clientId, code, disconnectReason);
        }
    }

    /** Decides one PUBLISH with a payload of {@code payloadBytes}. */
    synchronized Outcome check(int payloadBytes) {
        long now = nanoTime.getAsLong();
        boolean oversize = payloadBytes > maxPayloadBytes;
        if (!oversize && (bucket == null || bucket.tryTake(now))) {
            return Outcome.DELIVER;
        }
        if (violations == 0 || now - violationWindowStartNanos >= violationWindowNanos) {
            violationWindowStartNanos = now;
            violations = 0;
        }
        violations++;
        boolean disconnect = violations > maxViolations && !disconnecting;
        disconnecting |= disconnect;
        if (oversize) {
            return disconnect ? Outcome.OVERSIZE_DISCONNECT : Outcome.OVERSIZE;
        }
        return disconnect ? Outcome.RATE_DISCONNECT : Outcome.RATE_LIMITED;
    }

    /** Outcome of the limit check of one PUBLISH. */
    enum Outcome {
        DELIVER,
        RATE_LIMITED,
        OVERSIZE,
        RATE_DISCONNECT,
        OVERSIZE_DISCONNECT
    }
}
