package org.fleettracker.tracker.internal.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.geo.MultiPolygon;
import org.fleettracker.tracker.internal.geo.Polygon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeofenceGeoJsonTest {

    private static final String SQUARE = "[[[14.50,46.00],[14.51,46.00],[14.51,46.01],[14.50,46.01],[14.50,46.00]]]";

    @TempDir
    Path folder;

    @Test
    void reads_polygon_feature_with_every_property() throws Exception {
        Geofence geofence = GeofenceGeoJson.fromFeature(json(feature(
                "{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}",
                "\"id\":\"depot\",\"fleetId\":\"demo\",\"name\":\"Depot\",\"speedLimitKmh\":20,\"dwellS\":300")));

        assertThat(geofence.id()).isEqualTo("depot");
        assertThat(geofence.fleetId()).isEqualTo("demo");
        assertThat(geofence.name()).isEqualTo("Depot");
        assertThat(geofence.speedLimitKmh()).isEqualTo(20.0);
        assertThat(geofence.dwell()).isEqualTo(Duration.ofMinutes(5));
        assertThat(geofence.shape()).isInstanceOf(Polygon.class);
        assertThat(geofence.shape().contains(new GeoPoint(46.005, 14.505))).isTrue();
    }

    @Test
    void reads_point_with_radius_as_circle() throws Exception {
        Geofence geofence = GeofenceGeoJson.fromFeature(json(feature(
                "{\"type\":\"Point\",\"coordinates\":[14.5,46.0]}",
                "\"id\":\"yard\",\"fleetId\":\"demo\",\"radiusM\":150")));

        assertThat(geofence.shape()).isEqualTo(new Circle(new GeoPoint(46.0, 14.5), 150));
        assertThat(geofence.name()).isEqualTo("yard");
        assertThat(geofence.speedLimitKmh()).isNull();
        assertThat(geofence.dwell()).isNull();
    }

    @Test
    void reads_multi_polygon() throws Exception {
        Geofence geofence = GeofenceGeoJson.fromFeature(json(feature(
                "{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + "," + SQUARE.replace("46.0", "46.1") + "]}",
                "\"id\":\"twin\",\"fleetId\":\"demo\"")));

        assertThat(geofence.shape()).isInstanceOf(MultiPolygon.class);
        assertThat(((MultiPolygon) geofence.shape()).parts()).hasSize(2);
    }

    @Test
    void feature_round_trips() throws Exception {
        Geofence original = GeofenceGeoJson.fromFeature(json(feature(
                "{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}",
                "\"id\":\"depot\",\"fleetId\":\"demo\",\"name\":\"Depot\",\"speedLimitKmh\":20,\"dwellS\":300")));

        Geofence copy = GeofenceGeoJson.fromFeature(GeofenceGeoJson.toFeature(original, GeofenceSource.API));

        assertThat(copy).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not a feature | {"type":"Polygon"} | type
            no properties | {"type":"Feature","geometry":{"type":"Point","coordinates":[14.5,46]}} | properties
            no id | @{"fleetId":"demo","radiusM":10} | properties.id
            bad id | @{"id":"a b","fleetId":"demo","radiusM":10} | properties.id
            no fleet | @{"id":"a","radiusM":10} | properties.fleetId
            numeric fleet | @{"id":"a","fleetId":7,"radiusM":10} | properties.fleetId
            no radius | @{"id":"a","fleetId":"demo"} | properties.radiusM
            zero radius | @{"id":"a","fleetId":"demo","radiusM":0} | properties.radiusM
            text radius | @{"id":"a","fleetId":"demo","radiusM":"10"} | properties.radiusM
            zero speed limit | @{"id":"a","fleetId":"demo","radiusM":10,"speedLimitKmh":0} | properties.speedLimitKmh
            negative dwell | @{"id":"a","fleetId":"demo","radiusM":10,"dwellS":-1} | properties.dwellS
            fractional dwell | @{"id":"a","fleetId":"demo","radiusM":10,"dwellS":1.5} | properties.dwellS
            long name | @{"id":"a","fleetId":"demo","radiusM":10,"name":"%LONG%"} | properties.name
            """)
    void rejects_bad_properties(String title, String feature, String field) throws Exception {
        String text = feature.startsWith("@")
                ? feature("{\"type\":\"Point\",\"coordinates\":[14.5,46]}", inner(feature.substring(1)))
                : feature;
        JsonNode node = json(text.replace("%LONG%", "x".repeat(Geofence.MAX_NAME_LENGTH + 1)));

        assertThatThrownBy(() -> GeofenceGeoJson.fromFeature(node))
                .isInstanceOf(InvalidGeofenceException.class)
                .hasMessageStartingWith(field + ": ")
                .extracting(e -> ((InvalidGeofenceException) e).field())
                .isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            no geometry | null | geometry
            line string | {"type":"LineString","coordinates":[[14.5,46],[14.6,46]]} | geometry.type
            latitude too big | {"type":"Point","coordinates":[14.5,91]} | geometry.coordinates
            longitude too big | {"type":"Point","coordinates":[181,46]} | geometry.coordinates
            text coordinate | {"type":"Point","coordinates":["14.5",46]} | geometry.coordinates
            one number | {"type":"Point","coordinates":[14.5]} | geometry.coordinates
            open ring | {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]} | geometry.coordinates[0]
            three positions | {"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]} | geometry.coordinates[0]
            no rings | {"type":"Polygon","coordinates":[]} | geometry.coordinates
            radius on polygon | {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]} | properties.radiusM
            """)
    void rejects_bad_geometry(String title, String geometry, String field) throws Exception {
        boolean withRadius = geometry.contains("Point") || field.equals("properties.radiusM");
        String properties = "\"id\":\"a\",\"fleetId\":\"demo\"" + (withRadius ? ",\"radiusM\":10" : "");
        JsonNode node = json(feature(geometry, properties));

        assertThatThrownBy(() -> GeofenceGeoJson.fromFeature(node))
                .isInstanceOf(InvalidGeofenceException.class)
                .hasMessageStartingWith(field + ": ");
    }

    @Test
    void bad_hole_position_is_named_by_ring_and_index() throws Exception {
        JsonNode node = json(feature(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]],[[0,0],[1,95],[1,1],[0,0]]]}",
                "\"id\":\"a\",\"fleetId\":\"demo\""));

        assertThatThrownBy(() -> GeofenceGeoJson.fromFeature(node))
                .hasMessage("geometry.coordinates[1][1]: latitude 95.0 is out of range [-90, 90]");
    }

    @Test
    void file_error_names_the_feature_index() throws IOException {
        Path file = folder.resolve("geofences.geojson");
        Files.writeString(
                file,
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + feature(
                                "{\"type\":\"Point\",\"coordinates\":[14.5,46]}",
                                "\"id\":\"a\",\"fleetId\":\"demo\",\"radiusM\":5")
                        + "," + feature("{\"type\":\"Point\",\"coordinates\":[14.5,46]}", "\"id\":\"b\",\"radiusM\":5")
                        + "]}");

        assertThatThrownBy(() -> GeofencesFile.load(file))
                .isInstanceOf(InvalidGeofencesFileException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageEndingWith("features[1].properties.fleetId: is required");
    }

    @Test
    void file_rejects_a_repeated_id() throws IOException {
        Path file = folder.resolve("geofences.geojson");
        String circle = feature(
                "{\"type\":\"Point\",\"coordinates\":[14.5,46]}", "\"id\":\"a\",\"fleetId\":\"demo\",\"radiusM\":5");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[" + circle + "," + circle + "]}");

        assertThatThrownBy(() -> GeofencesFile.load(file)).hasMessageContaining("features[1].properties.id");
    }

    @Test
    void file_that_is_not_json_is_invalid() throws IOException {
        Path file = folder.resolve("geofences.geojson");
        Files.writeString(file, "{\"type\":");

        assertThatThrownBy(() -> GeofencesFile.load(file)).hasMessageContaining("not valid JSON");
    }

    @Test
    void file_that_is_a_single_feature_is_invalid() throws IOException {
        Path file = folder.resolve("geofences.geojson");
        Files.writeString(file, feature("{\"type\":\"Point\",\"coordinates\":[14.5,46]}", "\"id\":\"a\""));

        assertThatThrownBy(() -> GeofencesFile.load(file)).hasMessageContaining("type: must be \"FeatureCollection\"");
    }

    @Test
    void missing_file_has_no_geofences() throws InvalidGeofencesFileException {
        assertThat(GeofencesFile.load(folder.resolve("absent.geojson"))).isEmpty();
    }

    @Test
    void example_file_of_the_demo_is_valid() throws InvalidGeofencesFileException {
        List<Geofence> geofences = GeofencesFile.load(Path.of("..", "config", "geofences.geojson"));

        assertThat(geofences).isNotEmpty();
        assertThat(geofences)
                .allSatisfy(geofence -> assertThat(geofence.fleetId()).isEqualTo("demo"));
    }

    private static String feature(String geometry, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":{" + properties + "}}";
    }

    private static String inner(String object) {
        return object.substring(1, object.length() - 1);
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }
}
