package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.Fixes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionExportTest {

    private static final String FLEET = "demo";
    private static final String VEHICLE = "v1";
    private static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00.5Z");

    /** Five plain fixes, one outlier, then a fix without optional fields at the antimeridian near the equator. */
    private static final List<Telemetry> TRACK = track();

    @TempDir
    Path dataDir;

    private Database database;
    private final PositionStore store = new PositionStore();

    @BeforeEach
    void storeTrack() throws Exception {
        database = Database.open(dataDir);
        List<StoredPosition> stored = new ArrayList<>();
        for (int i = 0; i < TRACK.size(); i++) {
            var flags = i == 5 ? EnumSet.of(PositionFlag.OUTLIER) : EnumSet.noneOf(PositionFlag.class);
            stored.add(new StoredPosition(FLEET, TRACK.get(i), RECEIVED, flags));
        }
        try (Connection connection = database.connection()) {
            store.insertNew(connection, stored);
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void csv_has_header_and_a_row_per_position() throws Exception {
        List<List<String>> rows = parseCsv(export(new CsvPositionExport(), false));

        assertThat(rows.get(0)).containsExactlyElementsOf(CsvPositionExport.HEADER);
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows.subList(1, rows.size()))
                .extracting(row -> row.get(1))
                .containsExactly("1", "2", "3", "4", "5", "7");
    }

    @Test
    void csv_row_carries_every_field() throws Exception {
        List<List<String>> rows = parseCsv(export(new CsvPositionExport(), false));

        Telemetry fix = TRACK.get(0);
        assertThat(rows.get(1))
                .containsExactly(
                        VEHICLE,
                        "1",
                        fix.fixTime().toString(),
                        RECEIVED.toString(),
                        "52.5",
                        "13.4",
                        "36",
                        "45",
                        "40",
                        "5",
                        "1001",
                        "true",
                        "80",
                        "",
                        "false",
                        "false",
                        "false");
    }

    @Test
    void csv_leaves_absent_values_empty_and_avoids_exponents() throws Exception {
        List<List<String>> rows = parseCsv(export(new CsvPositionExport(), false));

        List<String> sparse = rows.get(rows.size() - 1);
        assertThat(sparse.get(4)).isEqualTo("0.00001");
        assertThat(sparse.get(8)).isEmpty();
        assertThat(sparse.get(11)).isEmpty();
    }

    @Test
    void csv_includes_outlier_on_request() throws Exception {
        List<List<String>> rows = parseCsv(export(new CsvPositionExport(), true));

        assertThat(rows).hasSize(1 + 7);
        assertThat(rows.get(6).get(1)).isEqualTo("6");
        assertThat(rows.get(6).get(15)).isEqualTo("true");
    }

    @Test
    void csv_quotes_field_with_separator_or_quote() {
        assertThat(CsvPositionExport.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvPositionExport.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvPositionExport.quoted("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(CsvPositionExport.quoted("plain")).isEqualTo("plain");
    }

    @Test
    void gpx_is_valid_gpx_1_1() throws Exception {
        byte[] gpx = export(new GpxPositionExport(), true);

        gpxValidator().validate(new StreamSource(new ByteArrayInputStream(gpx)));
    }

    @Test
    void gpx_schema_rejects_invalid_file() throws Exception {
        String invalid = new String(export(new GpxPositionExport(), false), StandardCharsets.UTF_8)
                .replaceFirst("lat=\"52.5\"", "lat=\"91\"");

        assertThatThrownBy(() -> gpxValidator()
                        .validate(new StreamSource(new ByteArrayInputStream(invalid.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("91");
    }

    @Test
    void gpx_schema_rejects_speed_outside_extensions() throws Exception {
        String invalid = new String(export(new GpxPositionExport(), false), StandardCharsets.UTF_8)
                .replaceFirst("<time>", "<speed>10</speed><time>");

        assertThatThrownBy(() -> gpxValidator()
                        .validate(new StreamSource(new ByteArrayInputStream(invalid.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void gpx_track_points_carry_position_fields() throws Exception {
        Document gpx = parseXml(export(new GpxPositionExport(), false));

        Element root = gpx.getDocumentElement();
        assertThat(root.getAttribute("version")).isEqualTo("1.1");
        assertThat(root.getAttribute("creator")).isEqualTo("fleet-tracker");
        assertThat(root.getElementsByTagNameNS(GpxPositionExport.GPX_NAMESPACE, "trk")
                        .getLength())
                .isEqualTo(1);
        NodeList points = root.getElementsByTagNameNS(GpxPositionExport.GPX_NAMESPACE, "trkpt");
        assertThat(points.getLength()).isEqualTo(6);
        Element first = (Element) points.item(0);
        assertThat(first.getAttribute("lat")).isEqualTo("52.5");
        assertThat(first.getAttribute("lon")).isEqualTo("13.4");
        assertThat(text(first, GpxPositionExport.GPX_NAMESPACE, "ele")).isEqualTo("40");
        assertThat(text(first, GpxPositionExport.GPX_NAMESPACE, "time"))
                .isEqualTo(TRACK.get(0).fixTime().toString());
        assertThat(text(first, GpxPositionExport.EXTENSION_NAMESPACE, "speedKmh"))
                .isEqualTo("36");
        assertThat(text(first, GpxPositionExport.EXTENSION_NAMESPACE, "headingDeg"))
                .isEqualTo("45");
    }

    @Test
    void gpx_writes_east_antimeridian_as_west() throws Exception {
        Document gpx = parseXml(export(new GpxPositionExport(), false));

        NodeList points = gpx.getElementsByTagNameNS(GpxPositionExport.GPX_NAMESPACE, "trkpt");
        Element last = (Element) points.item(points.getLength() - 1);
        assertThat(last.getAttribute("lon")).isEqualTo("-180");
        assertThat(last.getElementsByTagNameNS(GpxPositionExport.GPX_NAMESPACE, "ele")
                        .getLength())
                .isZero();
    }

    @Test
    void geojson_track_is_a_line_through_every_position() throws Exception {
        JsonNode collection = Json.mapper().readTree(export(new GeoJsonPositionExport(false), false));

        assertThat(collection.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(collection.get("features")).hasSize(1);
        JsonNode track = collection.get("features").get(0);
        assertThat(track.get("properties").get("vehicleId").asText()).isEqualTo(VEHICLE);
        assertThat(track.get("properties").get("positionCount").asLong()).isEqualTo(6);
        assertThat(track.get("geometry").get("type").asText()).isEqualTo("LineString");
        JsonNode coordinates = track.get("geometry").get("coordinates");
        assertThat(coordinates).hasSize(6);
        assertThat(coordinates.get(0).get(0).asDouble()).isEqualTo(13.4);
        assertThat(coordinates.get(0).get(1).asDouble()).isEqualTo(52.5);
    }

    @Test
    void geojson_points_carry_position_properties() throws Exception {
        JsonNode collection = Json.mapper().readTree(export(new GeoJsonPositionExport(true), false));

        assertThat(collection.get("features")).hasSize(1 + 6);
        JsonNode point = collection.get("features").get(1);
        assertThat(point.get("type").asText()).isEqualTo("Feature");
        assertThat(point.get("geometry").get("type").asText()).isEqualTo("Point");
        assertThat(point.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(13.4);
        assertThat(point.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(52.5);
        assertThat(point.get("properties").get("seq").asLong()).isEqualTo(1);
        assertThat(point.get("properties").get("fixTime").asText())
                .isEqualTo(TRACK.get(0).fixTime().toString());
        assertThat(point.get("properties").get("speedKmh").asDouble()).isEqualTo(36.0);
    }

    @Test
    void geojson_track_of_one_position_has_null_geometry() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = database.connection()) {
            new GeoJsonPositionExport(false)
                    .write(
                            VEHICLE,
                            1,
                            visitor -> store.visitRange(
                                    connection,
                                    VEHICLE,
                                    TRACK.get(0).fixTime(),
                                    TRACK.get(1).fixTime(),
                                    false,
                                    visitor),
                            out);
        }

        JsonNode track =
                Json.mapper().readTree(out.toByteArray()).get("features").get(0);
        assertThat(track.get("geometry").isNull()).isTrue();
    }

    @Test
    void count_matches_visited_positions() throws Exception {
        try (Connection connection = database.connection()) {
            assertThat(store.countRange(connection, VEHICLE, null, null, false)).isEqualTo(6);
            assertThat(store.countRange(connection, VEHICLE, null, null, true)).isEqualTo(7);
        }
    }

    private byte[] export(PositionExport format, boolean outliers) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = database.connection()) {
            long count = store.countRange(connection, VEHICLE, null, null, outliers);
            format.write(
                    VEHICLE,
                    count,
                    visitor -> store.visitRange(connection, VEHICLE, null, null, outliers, visitor),
                    out);
        }
        return out.toByteArray();
    }

    private static List<Telemetry> track() {
        List<Telemetry> fixes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fixes.add(Fixes.fix(VEHICLE, i + 1, Fixes.START.plusSeconds(i), 52.5 + i * 0.0001, 13.4 + i * 0.0001));
        }
        fixes.add(Fixes.fix(VEHICLE, 6, Fixes.START.plusSeconds(5), 10.0, 10.0));
        fixes.add(Telemetry.of(VEHICLE, 7, Fixes.START.plusSeconds(6), 0.00001, 180.0, 0.0, 0.0));
        return fixes;
    }

    private static Validator gpxValidator() throws SAXException {
        URL schema = Objects.requireNonNull(PositionExportTest.class.getResource("/gpx/gpx-1.1.xsd"));
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(schema)
                .newValidator();
    }

    private static Document parseXml(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Element parent, String namespace, String name) {
        return parent.getElementsByTagNameNS(namespace, name).item(0).getTextContent();
    }

    /** Parses RFC 4180 CSV: CRLF line ends, fields in double quotes may hold separators and doubled quotes. */
    static List<List<String>> parseCsv(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("text after the last CRLF").isEmpty();
        return rows;
    }
}
