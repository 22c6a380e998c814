package org.fleettracker.broker.internal.limits;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import org.fleettracker.broker.api.PublishRateLimit;
import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.broker.internal.users.Role;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Gives every client that HiveMQ sets up its own {@link PublishLimiter}, with the rate limit of the role that the
 * authenticator stored on its connection. Thread-safe.
 */
public final class PublishLimitsInitializer implements ClientInitializer {

    private final SecuritySettings settings;
    private final Function<InitializerInput, Optional<String>> roleOf;
    private final PublishLimiter.Disconnector disconnector;
    private final LongSupplier nanoTime;

    /**
     * @param roleOf the role file name stored on the client's connection, such as {@code vehicle}; a client without
     *     one gets the limit of role viewer, the strictest by default
     */
    public PublishLimitsInitializer(
            SecuritySettings settings,
            Function<InitializerInput, Optional<String>> roleOf,
            PublishLimiter.Disconnector disconnector,
            LongSupplier nanoTime) {
        this.settings = settings;
        this.roleOf = roleOf;
        this.disconnector = disconnector;
        this.nanoTime = nanoTime;
    }

    @Override
    public void initialize(InitializerInput input, ClientContext context) {
        String role = roleOf.apply(input).orElse(Role.VIEWER.fileName());
        PublishRateLimit limit = settings.publishRateLimits().getOrDefault(role, settings.publishRateLimit("viewer"));
        String clientId = input.getClientInformation().getClientId();
        context.addPublishInboundInterceptor(new PublishLimiter(clientId, limit, settings, disconnector, nanoTime));
    }
}
