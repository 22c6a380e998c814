package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import org.fleettracker.broker.internal.limits.LoginThrottle;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Connects {@link FleetAuthenticator} to a {@link LoginThrottle}: rejects locked-out CONNECTs and logs lockouts. */
final class LoginGuard {

    private final LoginThrottle throttle;

    LoginGuard(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * Rejects the CONNECT with CONNECTION_RATE_EXCEEDED, without checking its password, when its client id or address
     * is locked out.
     *
     * @return whether it rejected the CONNECT
     */
    boolean rejectIfLockedOut(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<LoginThrottle.Lockout> lockout =
                throttle.activeLockout(input.getClientInformation().getClientId(), address(input));
        if (lockout.isEmpty()) {
            return false;
        }
        String username = input.getConnectPacket().getUserName().orElse("");
        ConnectionEvents.loginThrottled(input, username, lockout.get());
        long retryAfterSeconds = Math.max(
                1, Duration.between(Instant.now(), lockout.get().until()).toSeconds() + 1);
        output.failAuthentication(
                ConnackReasonCode.CONNECTION_RATE_EXCEEDED,
                "Too many failed logins for this " + lockout.get().kind().label() + "; try again in "
                        + retryAfterSeconds + " s");
        return true;
    }

    void recordFailure(SimpleAuthInput input) {
        throttle.recordFailure(input.getClientInformation().getClientId(), address(input))
                .forEach(lockout -> ConnectionEvents.lockedOut(input, lockout));
    }

    void recordSuccess(String clientId) {
        throttle.recordSuccess(clientId);
    }

    private static @Nullable String address(SimpleAuthInput input) {
        return input.getConnectionInformation()
                .getInetAddress()
                .map(InetAddress::getHostAddress)
                .orElse(null);
    }
}
