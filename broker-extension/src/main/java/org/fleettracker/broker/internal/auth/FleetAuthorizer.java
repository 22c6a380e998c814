package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import org.fleettracker.broker.internal.users.Users;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Decides every PUBLISH, every will message (HiveMQ passes it through the publish authorizer at CONNECT) and every
 * topic filter of a SUBSCRIBE, using the {@link Permissions} of the account that {@link FleetAuthenticator} stored on
 * the connection. Anything this class cannot decide, including its own errors, is denied. Thread-safe.
 *
 * <p>A denied PUBLISH is delivered to no one. HiveMQ CE 2025.5 acknowledges a denied MQTT 5 QoS 1 or 2 PUBLISH with
 * a PUBACK or PUBREC carrying NOT_AUTHORIZED and this class's reason string, drops a denied QoS 0 PUBLISH, and in every
 * case then closes the connection with DISCONNECT reason code NOT_AUTHORIZED (MQTT 3 clients are just disconnected).
 * A denied will message makes HiveMQ reject the CONNECT with NOT_AUTHORIZED. A denied topic filter gets SUBACK reason
 * code NOT_AUTHORIZED and the client stays connected.
 */
public final class FleetAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(FleetAuthorizer.class);

    private final Supplier<@Nullable Users> users;

    /** Creates an authorizer for a fixed set of accounts. */
    public FleetAuthorizer(Users users) {
        this(() -> users);
    }

    /** Creates an authorizer that decides with the accounts {@code users} returns at each check. */
    public FleetAuthorizer(Supplier<@Nullable Users> users) {
        this.users = users;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        PublishPacket publish = input.getPublishPacket();
        Decision decision = decide(input, "PUBLISH", p -> p.checkPublish(publish.getTopic(), publish.getRetain()));
        if (decision.allowed()) {
            output.authorizeSuccessfully();
        } else {
            ConnectionEvents.publishDenied(input, publish.getTopic(), decision.reason());
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, decision.reason());
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        Decision decision = decide(input, "SUBSCRIBE", p -> p.checkSubscribe(filter));
        if (decision.allowed()) {
            output.authorizeSuccessfully();
        } else {
            ConnectionEvents.subscribeDenied(input, filter, decision.reason());
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, decision.reason());
        }
    }

    private Decision decide(ClientBasedInput input, String packet, Check check) {
        String clientId = input.getClientInformation().getClientId();
        Users current = users.get();
        if (current == null) {
            return Decision.deny("No valid users file is loaded");
        }
        try {
            return input.getConnectionInformation()
                    .getConnectionAttributeStore()
                    .getAsString(FleetAuthenticator.USERNAME_ATTRIBUTE)
                    .flatMap(current::find)
                    .map(user -> check.apply(Permissions.of(user, clientId)))
                    .orElseGet(() -> Decision.deny("The connection has no authenticated user"));
        } catch (RuntimeException e) {
            log.warn("Denied {} of client '{}' because its check failed: {}", packet, clientId, e.getMessage());
            log.debug("Authorization failure", e);
            return Decision.deny("Authorization check failed");
        }
    }

    /** One check against the client's permissions. */
    @FunctionalInterface
    private interface Check {
        Decision apply(Permissions permissions);
    }
}
