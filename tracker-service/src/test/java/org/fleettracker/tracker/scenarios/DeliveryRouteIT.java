package org.fleettracker.tracker.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A delivery route replayed over MQTT through a running tracker: a van leaves the depot, serves three stops of a
 * dispatch job with a halt at each, and returns. Checks the arrival and departure events, ETAs that shrink on the
 * approach, the trip list against the route's legs, and the GPX export against the GPX 1.1 schema. Logs a
 * {@code DELIVERY-REPORT} line per event, for the record.
 */
@Timeout(180)
class DeliveryRouteIT {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRouteIT.class);

    private static final String FLEET = TestUsers.FLEET;
    private static final String VAN = "van-1";

    private static final double[] DEPOT = {46.05000, 14.49000};
    private static final double[][] STOPS = {{46.05600, 14.50500}, {46.06200, 14.51500}, {46.05200, 14.52000}};
    private static final String[] STOP_IDS = {"bakery", "pharmacy", "school"};
    private static final Duration HALT = Duration.ofMinutes(4);

    @TempDir
    Path folder;

    @Test
    void delivery_route_gives_stop_events_etas_trips_and_gpx() throws Exception {
        List<Telemetry> route =
                route(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(45)));
        // A job follows only fixes measured after it was created, so the tracker's clock runs 50 min behind: the
        // dispatcher assigns the job before the recorded route starts.
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-50));
        try (Tracker tracker = Tracker.start(TrackerHarness.settings(folder).build(), behind);
                MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "console-route", TestUsers.DISPATCHER);
                MqttTestClient van = MqttTestClient.vehicle(tracker.mqttServerUri(), VAN)) {
            dispatcher.subscribe(Topics.events(FLEET));
            dispatcher.subscribe(Topics.state(FLEET, VAN));
            van.subscribe(Topics.commands(FLEET, VAN));
            van.publishFix(FLEET, route.get(0));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/" + VAN)
                                    .statusCode()
                            == 200);

            assignJob(tracker, van);
            for (Telemetry fix : route.subList(1, route.size())) {
                van.publishFix(FLEET, fix);
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(jobStatus(tracker))
                        .as(TrackerHarness.get(tracker, "/api/v1/jobs/route-1").body() + " state "
                                + TrackerHarness.get(tracker, "/api/v1/vehicles/" + VAN)
                                        .body())
                        .isEqualTo("completed");
                assertThat(closedTrips(tracker)).isEqualTo(4);
            });
            List<FleetEvent> events = events(dispatcher);
            report(events);
            assertStopEvents(events);
            assertEtasShrink(states(dispatcher));
            assertTripsMatchRoute(tracker);
            assertGpxIsValid(tracker, route.size());
        }
    }

    /** Returns the route: 4 min at the depot, then each stop with a 4 min halt, and back to the depot. */
    private static List<Telemetry> route(Instant start) {
        TrackBuilder track = new TrackBuilder(VAN, start, DEPOT[0], DEPOT[1]).halt(HALT);
        double[] speedsKmh = {40, 35, 45};
        for (int i = 0; i < STOPS.length; i++) {
            track.driveTo(STOPS[i][0], STOPS[i][1], speedsKmh[i]).halt(HALT);
        }
        return track.driveTo(DEPOT[0], DEPOT[1], 50).halt(HALT).fixes();
    }

    private static void assignJob(Tracker tracker, MqttTestClient van) throws Exception {
        StringBuilder stops = new StringBuilder();
        for (int i = 0; i < STOPS.length; i++) {
            stops.append(i == 0 ? "" : ",")
                    .append("{\"stopId\":\"")
                    .append(STOP_IDS[i])
                    .append("\",\"kind\":\"")
                    .append(i == 0 ? "pickup" : "drop-off")
                    .append("\",\"name\":\"Stop ")
                    .append(i + 1)
                    .append("\",\"latitudeDeg\":")
                    .append(STOPS[i][0])
                    .append(",\"longitudeDeg\":")
                    .append(STOPS[i][1])
                    .append(",\"radiusM\":60}");
        }
        String body = "{\"jobId\":\"route-1\",\"vehicleId\":\"" + VAN + "\",\"stops\":[" + stops + "]}";

        HttpResponse<String> created = TrackerHarness.sendJson(
                tracker, "POST", "/api/v1/jobs", TrackerHarness.basic(TestUsers.DISPATCHER), body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Command command = await().atMost(Duration.ofSeconds(20)).until(() -> assignJobCommand(van), Objects::nonNull);
        ack(van, command, CommandAckStatus.RECEIVED);
        ack(van, command, CommandAckStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> jobStatus(tracker).equals("accepted"));
    }

    private static Command assignJobCommand(MqttTestClient van) {
        for (MqttTestClient.Received received : van.received()) {
            Command command = Json.decode(received.payload(), Command.class);
            if (command.job() != null && command.job().jobId().equals("route-1")) {
                return command;
            }
        }
        return null;
    }

    private static void ack(MqttTestClient van, Command command, CommandAckStatus status) throws Exception {
        CommandAck ack = new CommandAck(command.commandId(), VAN, status, Instant.now(), null);
        van.publish(Topics.commandAcks(FLEET, VAN), Json.encode(ack), false);
    }

    private static void assertStopEvents(List<FleetEvent> events) {
        List<String> stopEvents = events.stream()
                .filter(event -> event.type().startsWith("job-"))
                .map(event -> event.type() + ":" + event.attributes().getOrDefault("stopId", ""))
                .toList();
        assertThat(stopEvents)
                .containsExactly(
                        "job-stop-arrived:bakery",
                        "job-stop-departed:bakery",
                        "job-stop-arrived:pharmacy",
                        "job-stop-departed:pharmacy",
                        "job-stop-arrived:school",
                        "job-stop-departed:school",
                        "job-completed:");
    }

    /** The remaining distance to the first stop, and the time its ETA lies ahead, fall on the way there. */
    private static void assertEtasShrink(List<VehicleState> states) {
        List<JobProgress.StopEta> approach = new ArrayList<>();
        List<Duration> ahead = new ArrayList<>();
        for (VehicleState state : states) {
            JobProgress job = state.job();
            JobProgress.StopEta next = job == null ? null : job.next();
            if (job != null
                    && job.stopsDone() == 0
                    && next != null
                    && next.stopId().equals(STOP_IDS[0])
                    && next.distanceM() > 0
                    && next.etaTime() != null) {
                approach.add(next);
                ahead.add(Duration.between(state.updatedTime(), next.etaTime()));
            }
        }
        log.info(
                "DELIVERY-REPORT eta to {}: {} estimates, first {} m in {} s, last {} m in {} s",
                STOP_IDS[0],
                approach.size(),
                Math.round(approach.get(0).distanceM()),
                ahead.get(0).toSeconds(),
                Math.round(approach.get(approach.size() - 1).distanceM()),
                ahead.get(ahead.size() - 1).toSeconds());
        assertThat(approach).hasSizeGreaterThan(5);
        assertThat(approach)
                .extracting(JobProgress.StopEta::distanceM)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ahead.get(ahead.size() - 1)).isLessThan(ahead.get(0));
    }

    private static void assertTripsMatchRoute(Tracker tracker) throws Exception {
        JsonNode trips = Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/vehicles/" + VAN + "/trips")
                        .body())
                .get("items");
        double[][] legs = {DEPOT, STOPS[0], STOPS[1], STOPS[2], DEPOT};
        assertThat(trips).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode trip = trips.get(i);
            double legM = TrackBuilder.distanceM(legs[i][0], legs[i][1], legs[i + 1][0], legs[i + 1][1]);
            log.info(
                    "DELIVERY-REPORT trip {}: {} -> {}, {} m (leg {} m), {} s, max {} km/h",
                    i + 1,
                    trip.get("startTime").asText(),
                    trip.get("endTime").asText(),
                    Math.round(trip.get("distanceM").asDouble()),
                    Math.round(legM),
                    trip.get("durationS").asLong(),
                    trip.get("maxSpeedKmh").asDouble());
            assertThat(trip.get("open").asBoolean()).isFalse();
            assertThat(trip.get("distanceM").asDouble()).isCloseTo(legM, within(legM * 0.1));
            assertThat(TrackBuilder.distanceM(
                            trip.get("endLatitudeDeg").asDouble(),
                            trip.get("endLongitudeDeg").asDouble(),
                            legs[i + 1][0],
                            legs[i + 1][1]))
                    .isLessThan(60);
        }
    }

    private static void assertGpxIsValid(Tracker tracker, int fixes) throws IOException, InterruptedException {
        HttpResponse<String> gpx = TrackerHarness.get(tracker, "/api/v1/vehicles/" + VAN + "/positions.gpx");
        URL schema = Objects.requireNonNull(DeliveryRouteIT.class.getResource("/gpx/gpx-1.1.xsd"));

        assertThat(gpx.statusCode()).isEqualTo(200);
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(schema)
                    .newValidator()
                    .validate(new StreamSource(new StringReader(gpx.body())));
        } catch (SAXException e) {
            throw new AssertionError("the GPX export is not valid GPX 1.1: " + e.getMessage(), e);
        }
        Matcher points = Pattern.compile("<trkpt ").matcher(gpx.body());
        int count = 0;
        while (points.find()) {
            count++;
        }
        assertThat(count).isEqualTo(fixes);
        log.info(
                "DELIVERY-REPORT gpx: {} bytes, {} track points, valid against GPX 1.1",
                gpx.body().length(),
                count);
    }

    private static void report(List<FleetEvent> events) {
        for (FleetEvent event : events) {
            log.info(
                    "DELIVERY-REPORT event {} {} {} {}",
                    event.time(),
                    event.type(),
                    event.severity().code(),
                    event.attributes());
        }
    }

    private static String jobStatus(Tracker tracker) throws Exception {
        return Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/jobs/route-1").body())
                .get("status")
                .asText();
    }

    private static int closedTrips(Tracker tracker) throws Exception {
        JsonNode items = Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/vehicles/" + VAN + "/trips")
                        .body())
                .get("items");
        int closed = 0;
        for (JsonNode trip : items) {
            closed += trip.get("open").asBoolean() ? 0 : 1;
        }
        return closed;
    }

    private static List<FleetEvent> events(MqttTestClient client) {
        return client.received().stream()
                .filter(message -> message.topic().equals(Topics.events(FLEET)))
                .map(message -> Json.decode(message.payload(), FleetEvent.class))
                .filter(event -> VAN.equals(event.vehicleId()))
                .toList();
    }

    private static List<VehicleState> states(MqttTestClient client) {
        return client.received().stream()
                .filter(message -> message.topic().equals(Topics.state(FLEET, VAN)))
                .map(message -> Json.decode(message.payload(), VehicleState.class))
                .toList();
    }
}
