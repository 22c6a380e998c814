package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

/**
 * Positions as a GeoJSON FeatureCollection (RFC 7946, coordinates in longitude, latitude order): one feature with the
 * track as a LineString, and with {@code points} one Point feature per position whose properties are the position's
 * fields. The track's geometry is null when fewer than two positions exist, because a LineString needs two.
 */
final class GeoJsonPositionExport implements PositionExport {

    private final boolean points;

    GeoJsonPositionExport(boolean points) {
        this.points = points;
    }

    @Override
    public String extension() {
        return "geojson";
    }

    @Override
    public String contentType() {
        return "application/geo+json";
    }

    @Override
    public void write(String vehicleId, long count, PositionSource positions, OutputStream out)
            throws IOException, SQLException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
            writeTrack(json, vehicleId, count, positions);
            if (points) {
                positions.forEach(position -> writePoint(json, position));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeTrack(JsonGenerator json, String vehicleId, long count, PositionSource positions)
            throws IOException, SQLException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeObjectFieldStart("properties");
        json.writeStringField("vehicleId", vehicleId);
        json.writeNumberField("positionCount", count);
        json.writeEndObject();
        if (count < 2) {
            json.writeNullField("geometry");
        } else {
            json.writeObjectFieldStart("geometry");
            json.writeStringField("type", "LineString");
            json.writeArrayFieldStart("coordinates");
            positions.forEach(position -> writeCoordinates(json, position.fix()));
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writePoint(JsonGenerator json, StoredPosition position) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeFieldName("properties");
        json.writeObject(ApiResponses.Position.of(position));
        json.writeObjectFieldStart("geometry");
        json.writeStringField("type", "Point");
        json.writeFieldName("coordinates");
        writeCoordinates(json, position.fix());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeCoordinates(JsonGenerator json, Telemetry fix) throws IOException {
        json.writeStartArray();
        json.writeNumber(fix.longitudeDeg());
        json.writeNumber(fix.latitudeDeg());
        json.writeEndArray();
    }
}
