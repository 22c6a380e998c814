package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import org.fleettracker.broker.internal.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;

/**
 * Writes connection events to the logger {@value SecurityConfig#CONNECTIONS_LOGGER}, one line each with the client
 * id and IP address, so that they can be routed to their own file. Passwords and access tokens are never logged.
 */
final class ConnectionEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.CONNECTIONS_LOGGER);

    private ConnectionEvents() {}

    static void connected(ClientBasedInput client, String username, Permissions permissions) {
        log.info(
                "Client '{}' from {} connected as user '{}' with {}",
                clientId(client),
                ip(client),
                username,
                permissions);
    }

    static void authenticationFailed(ClientBasedInput client, String username, String reason) {
        log.info(
                "Client '{}' from {} failed authentication as user '{}': {}",
                clientId(client),
                ip(client),
                username,
                reason);
    }

    /** Logs that the broker closes a connection because its access token expired; HiveMQ has no input here. */
    static void tokenExpired(String clientId) {
        log.info("Client '{}' is disconnected because its access token expired", clientId);
    }

    static void publishDenied(ClientBasedInput client, String topic, String reason) {
        log.debug("Client '{}' from {} denied PUBLISH to '{}': {}", clientId(client), ip(client), topic, reason);
    }

    static void subscribeDenied(ClientBasedInput client, String filter, String reason) {
        log.debug("Client '{}' from {} denied SUBSCRIBE to '{}': {}", clientId(client), ip(client), filter, reason);
    }

    static void disconnected(ClientBasedInput client, String how, String detail) {
        log.info("Client '{}' from {} {}{}", clientId(client), ip(client), how, detail);
    }

    private static String clientId(ClientBasedInput client) {
        return client.getClientInformation().getClientId();
    }

    private static String ip(ClientBasedInput client) {
        return client.getConnectionInformation()
                .getInetAddress()
                .map(InetAddress::getHostAddress)
                .orElse("unknown address");
    }
}
