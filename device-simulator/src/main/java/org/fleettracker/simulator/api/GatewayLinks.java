package org.fleettracker.simulator.api;

import org.fleettracker.simulator.internal.mqtt.LinkResources;
import org.fleettracker.simulator.internal.mqtt.LinkSettings;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.fleettracker.simulator.internal.mqtt.VehicleLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Splits the generated vehicles of a run into gateway connections of {@link SimulatorSettings#gatewayVehicles()}
 * vehicles each, in vehicle number order. Gateway {@code k} connects with client id {@code <prefix>-k}, where the
 * prefix is the user name unless {@link SimulatorSettings#gatewayIdPrefix()} sets it. The broker's gateway role
 * accepts such an id because it starts with the user name and '-'.
 */
final class GatewayLinks {

    private static final Logger log = LoggerFactory.getLogger(GatewayLinks.class);

    private GatewayLinks() {}

    /** Creates the gateway links and returns each vehicle's share of its gateway, by vehicle id. */
    static Map<String, TelemetryLink> create(
            SimulatorSettings settings, LinkSettings linkSettings, LinkResources resources, SplittableRandom random) {
        Map<String, TelemetryLink> byVehicle = new LinkedHashMap<>();
        int perGateway = settings.gatewayVehicles();
        int gateways = 0;
        for (int first = 1; first <= settings.vehicleCount(); first += perGateway) {
            List<String> vehicleIds = new ArrayList<>();
            for (int number = first; number < first + perGateway && number <= settings.vehicleCount(); number++) {
                vehicleIds.add(settings.generatedVehicleId(number));
            }
            gateways++;
            String clientId = settings.gatewayClientId(gateways);
            VehicleLink gateway = VehicleLink.gateway(clientId, vehicleIds, linkSettings, resources, random.split());
            gateway.members().forEach(member -> byVehicle.put(member.vehicleId(), member));
        }
        log.info(
                "{} vehicles share {} gateway connections of up to {} vehicles each",
                settings.vehicleCount(),
                gateways,
                perGateway);
        return byVehicle;
    }
}
