package org.fleettracker.tracker.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.tracker.internal.mqtt.TrackerMqttClient;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second client with the tracker's client id takes over its session on an external broker, and the tracker logs an
 * error that names the client id.
 */
@Timeout(120)
class ClientIdTakeoverIT {

    private static final String CLIENT_ID = "tracker-twin";

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TrackerMqttClient.class);

    @BeforeEach
    void captureLog() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(appender);
    }

    @Test
    void takeover_logs_error_naming_client_id() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder()
                        .port(0)
                        .dataDir(folder.resolve("broker"))
                        .extension(new FleetSecurityExtension(TestUsers.write(folder.resolve("broker-users"))))
                        .build()
                        .start(Duration.ofSeconds(60));
                Tracker ignored = Tracker.start(TrackerHarness.settings(folder)
                        .brokerUrl(broker.serverUri())
                        .mqttClientId(CLIENT_ID)
                        .build())) {

            try (MqttTestClient twin = MqttTestClient.connect(broker.serverUri(), CLIENT_ID, TestUsers.TRACKER)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !errors().isEmpty());
            }

            assertThat(errors())
                    .first()
                    .asString()
                    .contains("with the tracker's client id " + CLIENT_ID)
                    .contains("--mqtt-client-id");
        }
    }

    private List<String> errors() {
        return appender.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
