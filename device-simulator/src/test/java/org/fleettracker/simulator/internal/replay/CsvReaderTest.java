package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.fleettracker.simulator.internal.gpx.SkippedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fleettracker.simulator.internal.replay.ReplayFixtures.write;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void semicolon_fixture_is_read() {
        GpxTrack track = CsvReader.read(ReplayFixtures.fixture("drive.csv"));

        assertThat(track.pointElement()).isEqualTo("CSV row");
        assertThat(track.points()).hasSize(20);
        GpxPoint first = track.points().get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(first.latitudeDeg()).isEqualTo(46.05);
        assertThat(first.speedMps()).isCloseTo(12.0, within(1e-9));
        assertThat(first.accuracyM()).isEqualTo(6.5);
        assertThat(first.courseDeg()).isEqualTo(14.0);
        assertThat(first.altitudeM()).isEqualTo(295.0);
    }

    @Test
    void fixture_skips_bad_rows_with_reasons() {
        GpxTrack track = CsvReader.read(ReplayFixtures.fixture("drive.csv"));

        assertThat(track.skippedByReason())
                .isEqualTo(Map.of("empty field", 1L, "too few fields", 1L, "invalid field", 1L));
    }

    @Test
    void tracker_export_header_is_understood() throws IOException {
        Path file = write(
                dir,
                "export.csv",
                "vehicleId,seq,fixTime,receivedTime,latitudeDeg,longitudeDeg,speedKmh,headingDeg,altitudeM,accuracyM",
                "car-1,7,2024-05-01T08:00:05Z,2024-05-01T09:00:00Z,46.1,14.6,18,90,300,4");

        GpxPoint point = CsvReader.read(file).points().get(0);

        assertThat(point.time()).isEqualTo(Instant.parse("2024-05-01T08:00:05Z"));
        assertThat(point.longitudeDeg()).isEqualTo(14.6);
        assertThat(point.speedMps()).isCloseTo(5.0, within(1e-9));
        assertThat(point.courseDeg()).isEqualTo(90.0);
        assertThat(point.altitudeM()).isEqualTo(300.0);
        assertThat(point.accuracyM()).isEqualTo(4.0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-05-01T08:00:00Z | 2024-05-01T08:00:00Z",
                "2024-05-01T10:00:00+02:00 | 2024-05-01T08:00:00Z",
                "2024-05-01 08:00:00 | 2024-05-01T08:00:00Z",
                "2024-05-01T08:00:00.250 | 2024-05-01T08:00:00.250Z",
                "1714550400 | 2024-05-01T08:00:00Z",
                "1714550400.5 | 2024-05-01T08:00:00.500Z",
                "1714550400123 | 2024-05-01T08:00:00.123Z"
            })
    void time_formats_are_understood(String text, String expected) throws IOException {
        Path file = write(dir, "times.csv", "time,lat,lon", text + ",46,14");

        assertThat(CsvReader.read(file).points().get(0).time()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void rows_are_sorted_by_time() throws IOException {
        Path file = write(dir, "unsorted.csv", "lng,lat,timestamp", "14,46,1714550460", "14,46.1,1714550400");

        GpxTrack track = CsvReader.read(file);

        assertThat(track.points()).extracting(GpxPoint::latitudeDeg).containsExactly(46.1, 46.0);
    }

    @Test
    void rows_without_time_column_keep_file_order() throws IOException {
        Path file = write(dir, "no-time.csv", "latitude,longitude", "46.2,14", "46.1,14");

        GpxTrack track = CsvReader.read(file);

        assertThat(track.points()).extracting(GpxPoint::latitudeDeg).containsExactly(46.2, 46.1);
        assertThat(track.points()).allSatisfy(point -> assertThat(point.time()).isNull());
    }

    @Test
    void quoted_fields_may_hold_separators_and_quotes() throws Exception {
        List<String> fields = CsvReader.split("\"a,b\",\"say \"\"hi\"\"\",,c", ',');

        assertThat(fields).containsExactly("a,b", "say \"hi\"", "", "c");
    }

    @Test
    void bad_rows_are_skipped_with_reasons() throws IOException {
        Path file = write(
                dir,
                "bad.csv",
                "time,lat,lon,speed,heading",
                "1714550400,46,14,10,90",
                "1714550401,46",
                "1714550402,,14,10,90",
                "1714550403,north,14,10,90",
                "1714550404,95,14,10,90",
                "1714550405,46,14,-3,90",
                "1714550406,46,14,10,400",
                "never,46,14,10,90",
                "1714550408,\"46,14,10,90");

        GpxTrack track = CsvReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines())
                .extracting(SkippedLine::reason)
                .containsExactly(
                        CsvReader.TOO_FEW_FIELDS,
                        Fields.EMPTY_FIELD,
                        Fields.INVALID_FIELD,
                        Fields.OUT_OF_RANGE,
                        Fields.OUT_OF_RANGE,
                        Fields.OUT_OF_RANGE,
                        Fields.INVALID_FIELD,
                        CsvReader.UNCLOSED_QUOTE);
        assertThat(track.skippedLines()).extracting(SkippedLine::lineNumber).startsWith(3, 4);
    }

    @Test
    void header_without_coordinates_is_rejected() throws IOException {
        Path file = write(dir, "no-lat.csv", "time,x,y", "1714550400,46,14");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no latitude or no longitude column");
    }

    @Test
    void binary_header_is_quoted_escaped_and_cut() throws IOException {
        byte[] bytes = new byte[400];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 32 == 0 ? 0x07 : 0xC3 + i % 5);
        }
        Path file = Files.write(dir.resolve("binary.csv"), bytes);

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("\\u0007")
                .hasMessageContaining("(400 characters)")
                .hasMessageNotContaining("\u0007");
    }

    @Test
    void excerpt_keeps_surrogate_pairs_whole() {
        String line = "x".repeat(Fields.MAX_EXCERPT_CHARS - 1) + "\uD83D\uDE9A" + "tail";

        String excerpt = Fields.excerpt(line);

        assertThat(excerpt).startsWith("'" + "x".repeat(Fields.MAX_EXCERPT_CHARS - 1) + "'");
        assertThat(excerpt).doesNotContain("\uD83D");
    }

    @Test
    void empty_file_is_rejected() throws IOException {
        Path file = write(dir, "empty.csv", "");

        assertThatThrownBy(() -> CsvReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("the first row must name the columns");
    }

    @Test
    void unknown_speed_unit_is_not_read_as_kmh() throws IOException {
        Path file = write(dir, "mps.csv", "lat,lon,speed (m/s)", "46,14,10");

        assertThat(CsvReader.read(file).points().get(0).speedMps()).isNull();
    }
}
