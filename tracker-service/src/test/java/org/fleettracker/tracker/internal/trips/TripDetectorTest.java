package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Trip detection with the default thresholds: trips of 300 m and 60 s, stops of 3 min within 50 m. */
class TripDetectorTest {

    private static final double LATITUDE = 52.5;
    private static final double LONGITUDE = 13.4;

    /** About 1 km north of the start. */
    private static final double ONE_KM_NORTH = LATITUDE + 0.009;

    private static final Duration PARKED = Duration.ofMinutes(4);

    static Stream<Arguments> tracks() {
        return Stream.of(
                Arguments.of(
                        "one trip",
                        track().halt(PARKED)
                                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                                .halt(PARKED),
                        List.of(false),
                        2),
                Arguments.of(
                        "two trips with a stop between",
                        track().halt(PARKED)
                                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                                .halt(PARKED)
                                .driveTo(LATITUDE, LONGITUDE, 36)
                                .halt(PARKED),
                        List.of(false, false),
                        3),
                Arguments.of(
                        "short hop merged into the stop",
                        track().halt(PARKED)
                                .driveTo(LATITUDE + 0.001, LONGITUDE, 20)
                                .halt(PARKED),
                        List.of(),
                        1),
                Arguments.of(
                        "traffic-light halt inside the trip",
                        track().halt(PARKED)
                                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                                .halt(Duration.ofSeconds(90))
                                .driveTo(LATITUDE + 0.018, LONGITUDE, 36)
                                .halt(PARKED),
                        List.of(false),
                        2),
                Arguments.of(
                        "ongoing trip open",
                        track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36),
                        List.of(true),
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tracks")
    void detects_trips_and_stops(String name, TrackBuilder track, List<Boolean> tripsOpen, int stopCount) {
        Segments segments = detect(points(track.fixes()), null);

        assertThat(segments.trips()).extracting(Trip::open).isEqualTo(tripsOpen);
        assertThat(segments.stops()).hasSize(stopCount);
    }

    @Test
    void trip_runs_from_departure_fix_to_arrival_fix() {
        var track = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(PARKED);
        List<TrackPoint> points = points(track.fixes());

        Trip trip = detect(points, null).trips().get(0);

        TrackPoint departure = points.stream()
                .filter(point -> point.fixTime().equals(Fixes.START.plus(PARKED)))
                .findFirst()
                .orElseThrow();
        assertThat(trip.startTime()).isEqualTo(departure.fixTime());
        assertThat(trip.endLatitudeDeg()).isEqualTo(ONE_KM_NORTH);
        assertThat(trip.distanceM()).isCloseTo(distanceM(LATITUDE, ONE_KM_NORTH), within(1.0));
        assertThat(trip.maxSpeedKmh()).isEqualTo(36);
        assertThat(trip.averageSpeedKmh()).isCloseTo(trip.distanceM() / trip.durationS() * 3.6, within(1e-9));
    }

    @Test
    void stops_around_a_trip_close_and_stay_open() {
        var track = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(PARKED);

        Segments segments = detect(points(track.fixes()), null);

        Stop first = segments.stops().get(0);
        Stop last = segments.stops().get(1);
        assertThat(first.startTime()).isEqualTo(Fixes.START.plusSeconds(5));
        assertThat(first.endTime()).isEqualTo(segments.trips().get(0).startTime());
        assertThat(last.startTime()).isEqualTo(segments.trips().get(0).endTime());
        assertThat(last.endTime()).isNull();
        assertThat(last.latitudeDeg()).isCloseTo(ONE_KM_NORTH, within(1e-9));
        // The halt's 48 fixes, 5 s apart, span 235 s.
        assertThat(last.durationS()).isEqualTo(PARKED.toSeconds() - 5);
    }

    @Test
    void merged_hop_extends_the_stop_before_it() {
        var track =
                track().halt(PARKED).driveTo(LATITUDE + 0.001, LONGITUDE, 20).halt(PARKED);

        Stop stop = detect(points(track.fixes()), null).stops().get(0);

        assertThat(stop.startTime()).isEqualTo(Fixes.START.plusSeconds(5));
        assertThat(stop.lastFixTime()).isEqualTo(track.time());
        assertThat(stop.open()).isTrue();
    }

    @Test
    void jitter_at_standstill_adds_no_distance() {
        List<TrackPoint> points = new ArrayList<>(jitteringHalt(Fixes.START, LATITUDE));
        Instant departure = points.get(points.size() - 1).fixTime();
        points.addAll(points(new TrackBuilder("v1", departure, LATITUDE, LONGITUDE)
                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                .fixes()));
        points.addAll(jitteringHalt(points.get(points.size() - 1).fixTime(), ONE_KM_NORTH));

        Trip trip = detect(points, null).trips().get(0);

        assertThat(trip.distanceM()).isCloseTo(distanceM(LATITUDE, ONE_KM_NORTH), within(10.0));
    }

    @Test
    void silent_halt_becomes_a_stop() {
        var track = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(Duration.ofSeconds(30));

        Segments segments = detect(points(track.fixes()), track.time().plus(Duration.ofMinutes(3)));

        assertThat(segments.trips()).extracting(Trip::open).containsExactly(false);
        assertThat(segments.stops()).hasSize(2);
    }

    @Test
    void ignition_off_makes_a_crawling_vehicle_stationary() {
        var track = track().halt(PARKED)
                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                .ignition(false)
                .driveTo(ONE_KM_NORTH + 0.0001, LONGITUDE, 5)
                .halt(PARKED);

        Segments segments = detect(points(track.fixes()), null);

        assertThat(segments.trips()).extracting(Trip::open).containsExactly(false);
        assertThat(segments.trips().get(0).endLatitudeDeg()).isLessThan(ONE_KM_NORTH + 0.0001);
    }

    @Test
    void fix_before_the_previous_one_is_rejected() {
        TripDetector detector = detector();
        detector.accept(new TrackPoint(Fixes.START.plusSeconds(10), LATITUDE, LONGITUDE, 0, null));

        TrackPoint earlier = new TrackPoint(Fixes.START, LATITUDE, LONGITUDE, 0, null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> detector.accept(earlier))
                .withMessageContaining("fix-time order");
    }

    private static TrackBuilder track() {
        return new TrackBuilder("v1", Fixes.START, LATITUDE, LONGITUDE);
    }

    private static TripDetector detector() {
        AtomicInteger next = new AtomicInteger();
        return new TripDetector("demo", "v1", FleetSettings.defaults(), () -> "id-" + next.incrementAndGet());
    }

    private static Segments detect(List<TrackPoint> points, Instant now) {
        TripDetector detector = detector();
        points.forEach(detector::accept);
        if (now != null) {
            detector.advanceTo(now);
        }
        return detector.drain();
    }

    private static List<TrackPoint> points(List<Telemetry> fixes) {
        return fixes.stream()
                .map(fix -> new TrackPoint(
                        fix.fixTime(), fix.latitudeDeg(), fix.longitudeDeg(), fix.speedKmh(), fix.ignition()))
                .toList();
    }

    /** Four minutes of fixes at speed 0 that wander up to about 7 m around one place, every 5 s. */
    private static List<TrackPoint> jitteringHalt(Instant start, double latitudeDeg) {
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 1; i <= 48; i++) {
            double offsetDeg = (i % 2 == 0 ? 1 : -1) * 0.00006;
            points.add(new TrackPoint(start.plusSeconds(5L * i), latitudeDeg + offsetDeg, LONGITUDE, 0.5, true));
        }
        return points;
    }

    private static double distanceM(double fromLatitudeDeg, double toLatitudeDeg) {
        return TrackBuilder.distanceM(fromLatitudeDeg, LONGITUDE, toLatitudeDeg, LONGITUDE);
    }
}
