package org.fleettracker.tracker.internal.ingest;

import java.util.List;

/** Stage 6: acknowledges every message of the committed batch, so the broker stops keeping it for redelivery. */
final class AcknowledgeStage {

    private final MqttOutbound outbound;

    AcknowledgeStage(MqttOutbound outbound) {
        this.outbound = outbound;
    }

    void acknowledge(List<InboundMessage> batch) {
        for (InboundMessage message : batch) {
            outbound.acknowledge(message);
        }
    }
}
