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
import static org.fleettracker.simulator.internal.replay.ReplayFixtures.nmea;
import static org.fleettracker.simulator.internal.replay.ReplayFixtures.write;

class NmeaReaderTest {

    private static final String RMC = "GPRMC,080000.00,A,4603.0000,N,01430.0000,E,10.0,90.0,010524,,,A";
    private static final String GGA = "GPGGA,080000.00,4603.0000,N,01430.0000,E,1,08,0.9,295.0,M,47.0,M,,";

    @TempDir
    Path dir;

    @Test
    void fixture_gives_one_point_per_second() {
        GpxTrack track = NmeaReader.read(ReplayFixtures.fixture("drive.nmea"));

        assertThat(track.points()).hasSize(20);
        assertThat(track.pointElement()).isEqualTo("NMEA fix");
        assertThat(track.points().get(0).time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(track.points().get(19).time()).isEqualTo(Instant.parse("2024-05-01T08:00:19Z"));
    }

    @Test
    void fixture_skips_each_bad_line_with_its_reason() {
        GpxTrack track = NmeaReader.read(ReplayFixtures.fixture("drive.nmea"));

        assertThat(track.skippedByReason())
                .isEqualTo(Map.of(
                        "bad checksum", 1L,
                        "empty field", 1L,
                        "truncated sentence", 1L,
                        "void fix", 1L));
        assertThat(track.skippedLines()).extracting(SkippedLine::lineNumber).containsExactly(11, 13, 15, 17);
    }

    @Test
    void rmc_gives_position_speed_and_course() throws IOException {
        Path file = write(dir, "rmc.nmea", nmea("GPRMC,123519,A,4807.038,S,01131.000,W,22.4,84.4,230394,003.1,W"));

        GpxPoint point = NmeaReader.read(file).points().get(0);

        assertThat(point.latitudeDeg()).isCloseTo(-(48 + 7.038 / 60), within(1e-9));
        assertThat(point.longitudeDeg()).isCloseTo(-(11 + 31.0 / 60), within(1e-9));
        assertThat(point.time()).isEqualTo(Instant.parse("1994-03-23T12:35:19Z"));
        assertThat(point.speedMps() * 3.6).isCloseTo(22.4 * 1.852, within(1e-9));
        assertThat(point.courseDeg()).isEqualTo(84.4);
        assertThat(point.altitudeM()).isNull();
    }

    @Test
    void gga_of_same_time_adds_altitude_and_accuracy() throws IOException {
        Path file = write(dir, "pair.nmea", nmea(GGA), nmea(RMC));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).singleElement().satisfies(point -> {
            assertThat(point.lineNumber()).isEqualTo(1);
            assertThat(point.altitudeM()).isEqualTo(295.0);
            assertThat(point.accuracyM()).isCloseTo(0.9 * NmeaReader.USER_RANGE_ERROR_M, within(1e-9));
            assertThat(point.courseDeg()).isEqualTo(90.0);
            assertThat(point.speedMps()).isNotNull();
        });
    }

    @Test
    void gga_before_first_rmc_takes_its_date() throws IOException {
        Path file = write(dir, "gga-first.nmea", nmea(GGA.replace("080000.00", "075959.00")), nmea(RMC));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points())
                .extracting(GpxPoint::time)
                .containsExactly(Instant.parse("2024-05-01T07:59:59Z"), Instant.parse("2024-05-01T08:00:00Z"));
    }

    @Test
    void gga_after_midnight_takes_next_day() throws IOException {
        String lateRmc = RMC.replace("080000.00", "235959.00");
        Path file = write(dir, "midnight.nmea", nmea(lateRmc), nmea(GGA.replace("080000.00", "000001.00")));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points())
                .extracting(GpxPoint::time)
                .containsExactly(Instant.parse("2024-05-01T23:59:59Z"), Instant.parse("2024-05-02T00:00:01Z"));
    }

    @Test
    void gga_without_any_rmc_has_no_date() throws IOException {
        Path file = write(dir, "gga-only.nmea", nmea(GGA));

        assertThatThrownBy(() -> NmeaReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no NMEA fix")
                .hasMessageContaining("no date=1");
    }

    @Test
    void bad_checksum_is_skipped() throws IOException {
        String good = nmea(RMC);
        String corrupted = good.replace("10.0", "11.0");
        Path file = write(dir, "bad.nmea", corrupted, nmea(RMC.replace("080000", "080001")));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines()).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(1);
            assertThat(line.reason()).isEqualTo(NmeaReader.BAD_CHECKSUM);
        });
    }

    @Test
    void lowercase_checksum_is_accepted() throws IOException {
        String sentence = nmea(GGA);
        String lowercase = sentence.substring(0, sentence.length() - 2) + "6f";
        Path file = write(dir, "lower.nmea", lowercase, nmea(RMC));

        GpxTrack track = NmeaReader.read(file);

        assertThat(sentence).endsWith("*6F");
        assertThat(track.skippedLines()).isEmpty();
        assertThat(track.points().get(0).altitudeM()).isEqualTo(295.0);
    }

    @Test
    void void_status_and_no_fix_mode_are_skipped() throws IOException {
        Path file = write(
                dir,
                "void.nmea",
                nmea(RMC.replace(",A,4603", ",V,4603")),
                nmea(RMC.replace(",,,A", ",,,N")),
                nmea(GGA.replace(",E,1,08", ",E,0,08")),
                nmea(RMC.replace("080000", "080001")));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines())
                .extracting(SkippedLine::reason)
                .containsExactly(NmeaReader.VOID_FIX, NmeaReader.VOID_FIX, NmeaReader.VOID_FIX);
    }

    @Test
    void empty_and_invalid_fields_are_skipped() throws IOException {
        Path file = write(
                dir,
                "fields.nmea",
                nmea(RMC.replace("4603.0000", "")),
                nmea(RMC.replace("010524", "")),
                nmea(RMC.replace("010524", "310224")),
                nmea(RMC.replace("4603.0000", "4675.0000")),
                nmea(RMC.replace(",N,", ",X,")),
                nmea(RMC.replace("080000", "080001")));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines())
                .extracting(SkippedLine::reason)
                .containsExactly(
                        Fields.EMPTY_FIELD,
                        Fields.EMPTY_FIELD,
                        Fields.INVALID_FIELD,
                        Fields.INVALID_FIELD,
                        Fields.INVALID_FIELD);
    }

    @Test
    void truncated_lines_are_skipped() throws IOException {
        String full = nmea(RMC);
        Path file = write(
                dir,
                "cut.nmea",
                full.substring(0, 30),
                full.substring(0, full.length() - 1),
                nmea("GPRMC,080001.00,A,4603.0000,N"),
                "garbage without a sentence",
                full);

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines())
                .extracting(SkippedLine::reason)
                .containsExactly(
                        NmeaReader.MISSING_CHECKSUM,
                        NmeaReader.MISSING_CHECKSUM,
                        NmeaReader.TOO_FEW_FIELDS,
                        NmeaReader.NOT_NMEA);
    }

    @Test
    void logger_prefix_and_other_sentences_are_ignored() throws IOException {
        Path file = write(
                dir,
                "prefixed.nmea",
                "2024-05-01 08:00:00.123 " + nmea(RMC),
                nmea("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1"),
                "",
                nmea("PGRME,15.0,M,45.0,M,25.0,M"));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).hasSize(1);
        assertThat(track.skippedLines()).isEmpty();
    }

    @Test
    void points_are_sorted_by_time() throws IOException {
        Path file = write(dir, "unsorted.nmea", nmea(RMC.replace("080000", "080005")), nmea(RMC));

        GpxTrack track = NmeaReader.read(file);

        assertThat(track.points()).extracting(GpxPoint::lineNumber).containsExactly(2, 1);
    }

    @Test
    void empty_speed_and_course_stay_unknown() throws IOException {
        Path file = write(dir, "still.nmea", nmea(RMC.replace("10.0,90.0", ",")));

        GpxPoint point = NmeaReader.read(file).points().get(0);

        assertThat(point.speedMps()).isNull();
        assertThat(point.courseDeg()).isNull();
    }

    @Test
    void gga_only_log_names_missing_rmc() throws IOException {
        Path file = write(dir, "gga.nmea", nmea(GGA), nmea(GGA.replace("080000.00", "080001.00")));

        assertThatThrownBy(() -> NmeaReader.read(file))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("no date=2")
                .hasMessageContaining("needs RMC sentences");
    }
}
