package org.fleettracker.simulator.internal.gpx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpxReaderTest {

    @TempDir
    Path tempDir;

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(GpxReaderTest.class.getResource("/gpx/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reads_every_track_point_of_gpx_1_1() {
        GpxTrack track = GpxReader.read(fixture("drive-1.1.gpx"));

        assertThat(track.pointElement()).isEqualTo("trkpt");
        assertThat(track.points()).hasSize(36);
        GpxPoint first = track.points().get(0);
        assertThat(first.latitudeDeg()).isEqualTo(46.05);
        assertThat(first.longitudeDeg()).isEqualTo(14.495);
        assertThat(first.altitudeM()).isEqualTo(295.0);
        assertThat(first.time()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(first.lineNumber()).isEqualTo(7);
        assertThat(first.speedMps()).isNull();
        assertThat(first.courseDeg()).isNull();
    }

    @Test
    void reads_speed_and_course_of_gpx_1_0() {
        GpxTrack track = GpxReader.read(fixture("walk-1.0.gpx"));

        assertThat(track.points()).hasSize(30);
        GpxPoint last = track.points().get(29);
        assertThat(last.speedMps()).isEqualTo(5.0);
        assertThat(last.courseDeg()).isEqualTo(180.0);
        assertThat(last.time()).isEqualTo(Instant.parse("2024-05-02T17:30:58Z"));
        assertThat(last.altitudeM()).isEqualTo(285.5);
    }

    @Test
    void reads_route_points_without_track() throws IOException {
        Path file = write(
                """
                <?xml version="1.0"?>
                <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
                  <wpt lat="46.1" lon="14.1"/>
                  <rte>
                    <rtept lat="46.0" lon="14.0"/>
                    <rtept lat="46.001" lon="14.0"><name>second</name></rtept>
                  </rte>
                </gpx>
                """);

        GpxTrack track = GpxReader.read(file);

        assertThat(track.pointElement()).isEqualTo("rtept");
        assertThat(track.points()).extracting(GpxPoint::latitudeDeg).containsExactly(46.0, 46.001);
        assertThat(track.points()).allSatisfy(point -> assertThat(point.time()).isNull());
    }

    @Test
    void reads_waypoints_without_track_or_route() throws IOException {
        Path file = write(
                """
                <gpx version="1.0"><wpt lat="46.1" lon="14.1"/><wpt lat="46.2" lon="14.2"/></gpx>
                """);

        GpxTrack track = GpxReader.read(file);

        assertThat(track.pointElement()).isEqualTo("wpt");
        assertThat(track.points()).hasSize(2);
    }

    @Test
    void reads_speed_from_gpx_1_1_extension() throws IOException {
        Path file = write(
                """
                <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
                     xmlns:x="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
                  <trk><trkseg>
                    <trkpt lat="46.0" lon="14.0"><extensions><x:TrackPointExtension>
                      <x:speed>12.5</x:speed><x:course>90</x:course>
                    </x:TrackPointExtension></extensions></trkpt>
                  </trkseg></trk>
                </gpx>
                """);

        GpxPoint point = GpxReader.read(file).points().get(0);

        assertThat(point.speedMps()).isEqualTo(12.5);
        assertThat(point.courseDeg()).isEqualTo(90.0);
    }

    @Test
    void broken_xml_is_rejected_with_file_and_line() throws IOException {
        Path file = write(
                """
                <gpx version="1.1">
                  <trk><trkseg>
                    <trkpt lat="46.0" lon="14.0">
                  </trkseg></trk>
                </gpx>
                """);

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("at line 4")
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void external_entity_is_rejected_without_reading_the_file() throws IOException {
        Path secret = tempDir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        Path file = write(
                """
                <?xml version="1.0"?>
                <!DOCTYPE gpx [<!ENTITY xxe SYSTEM "%s">]>
                <gpx version="1.1"><trk><trkseg>
                  <trkpt lat="46.0" lon="14.0"><name>&xxe;</name></trkpt>
                </trkseg></trk></gpx>
                """
                        .formatted(secret.toUri()));

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void file_without_points_is_rejected() throws IOException {
        Path file = write(
                """
                <gpx version="1.1"><trk><name>empty</name><trkseg></trkseg></trk></gpx>
                """);

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no trkpt, rtept or wpt");
    }

    @Test
    void root_other_than_gpx_is_rejected() throws IOException {
        Path file = write("<kml><Placemark/></kml>\n");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("expected <gpx>");
    }

    @Test
    void unsupported_version_is_rejected() throws IOException {
        Path file = write("<gpx version=\"2.0\"><wpt lat=\"1\" lon=\"1\"/></gpx>\n");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("version '2.0'");
    }

    @Test
    void latitude_out_of_range_is_rejected_with_line() throws IOException {
        Path file =
                write("<gpx version=\"1.1\">\n<trk><trkseg>\n<trkpt lat=\"91\" lon=\"14\"/>\n</trkseg></trk></gpx>\n");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("at line 3")
                .hasMessageContaining("lat '91'");
    }

    @Test
    void missing_longitude_is_rejected() throws IOException {
        Path file = write("<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"46\"/></trkseg></trk></gpx>\n");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("no lon attribute");
    }

    @Test
    void invalid_time_is_rejected_with_line() throws IOException {
        Path file = write("<gpx version=\"1.1\"><trk><trkseg>\n<trkpt lat=\"46\" lon=\"14\">\n"
                + "<time>yesterday</time></trkpt></trkseg></trk></gpx>\n");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("at line 3")
                .hasMessageContaining("time 'yesterday'");
    }

    @Test
    void missing_file_is_reported_by_name() {
        Path file = tempDir.resolve("absent.gpx");

        assertThatThrownBy(() -> GpxReader.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }

    private Path write(String content) throws IOException {
        Path file = tempDir.resolve("track.gpx");
        Files.writeString(file, content);
        return file;
    }
}
