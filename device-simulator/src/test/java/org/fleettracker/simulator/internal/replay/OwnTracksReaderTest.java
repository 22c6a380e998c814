package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.fleettracker.simulator.internal.gpx.SkippedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fleettracker.simulator.internal.replay.ReplayFixtures.write;

class OwnTracksReaderTest {

    private static final String PREFIX = "2024-05-01T08:00:00Z\t*                 \t";

    @TempDir
    Path dir;

    @Test
    void fixture_gives_locations_sorted_by_time() {
        GpxTrack track = OwnTracksReader.read(ReplayFixtures.fixture("drive.rec"));

        assertThat(track.pointElement()).isEqualTo("OwnTracks location");
        assertThat(track.points()).hasSize(20);
        assertThat(track.points().get(0).time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(track.points().get(19).time()).isEqualTo(Instant.parse("2024-05-01T08:00:19Z"));
        assertThat(track.points().get(19).lineNumber()).isEqualTo(1);
    }

    @Test
    void fixture_skips_bad_lines_but_not_other_types() {
        GpxTrack track = OwnTracksReader.read(ReplayFixtures.fixture("drive.rec"));

        assertThat(track.skippedByReason()).isEqualTo(Map.of("invalid JSON", 1L, "empty field", 1L));
    }

    @Test
    void location_uses_every_field() throws IOException {
        Path file = write(
                dir,
                "one.rec",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550460,\"lat\":46.05,\"lon\":14.5,\"vel\":36,"
                        + "\"cog\":270,\"acc\":12,\"alt\":301,\"batt\":80,\"tid\":\"ab\"}");

        GpxPoint point = OwnTracksReader.read(file).points().get(0);

        assertThat(point.time()).isEqualTo(Instant.parse("2024-05-01T08:01:00Z"));
        assertThat(point.latitudeDeg()).isEqualTo(46.05);
        assertThat(point.longitudeDeg()).isEqualTo(14.5);
        assertThat(point.speedMps()).isCloseTo(10.0, within(1e-9));
        assertThat(point.courseDeg()).isEqualTo(270.0);
        assertThat(point.accuracyM()).isEqualTo(12.0);
        assertThat(point.altitudeM()).isEqualTo(301.0);
    }

    @Test
    void missing_optional_fields_stay_unknown() throws IOException {
        Path file = write(dir, "bare.rec", PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lat\":1,\"lon\":2}");

        GpxPoint point = OwnTracksReader.read(file).points().get(0);

        assertThat(point.speedMps()).isNull();
        assertThat(point.courseDeg()).isNull();
        assertThat(point.accuracyM()).isNull();
        assertThat(point.altitudeM()).isNull();
    }

    @Test
    void line_time_replaces_missing_tst() throws IOException {
        Path file = write(dir, "no-tst.rec", PREFIX + "{\"_type\":\"location\",\"lat\":1,\"lon\":2}");

        assertThat(OwnTracksReader.read(file).points().get(0).time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
    }

    @Test
    void bad_lines_are_skipped_with_reasons() throws IOException {
        Path file = write(
                dir,
                "bad.rec",
                "just some text",
                PREFIX + "{\"_type\":\"location\",\"lat\":",
                PREFIX + "[1, 2]",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lon\":2}",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lat\":\"north\",\"lon\":2}",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lat\":91,\"lon\":2}",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lat\":1,\"lon\":2,\"vel\":-5}",
                "bad-time\t*\t{\"_type\":\"location\",\"lat\":1,\"lon\":2}",
                PREFIX + "{\"_type\":\"location\",\"tst\":1714550400,\"lat\":1,\"lon\":2}");

        GpxTrack track = OwnTracksReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines())
                .extracting(SkippedLine::reason)
                .containsExactly(
                        OwnTracksReader.NOT_RECORDER_LINE,
                        OwnTracksReader.INVALID_JSON,
                        OwnTracksReader.INVALID_JSON,
                        Fields.EMPTY_FIELD,
                        Fields.INVALID_FIELD,
                        Fields.OUT_OF_RANGE,
                        Fields.OUT_OF_RANGE,
                        Fields.INVALID_FIELD);
    }

    @Test
    void file_without_locations_is_rejected() throws IOException {
        Path file = write(dir, "waypoints.rec", PREFIX + "{\"_type\":\"waypoint\",\"tst\":1714550400,\"desc\":\"x\"}");

        assertThatThrownBy(() -> OwnTracksReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no OwnTracks location");
    }
}
