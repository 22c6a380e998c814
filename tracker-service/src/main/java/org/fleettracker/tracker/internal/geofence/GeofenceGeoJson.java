package org.fleettracker.tracker.internal.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.geo.MultiPolygon;
import org.fleettracker.tracker.internal.geo.Polygon;
import org.fleettracker.tracker.internal.geo.Shape;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts geofences to and from GeoJSON (RFC 7946, positions in longitude, latitude order).
 *
 * <p>A geofence is a Feature whose geometry is a Polygon or MultiPolygon, or a Point with the property
 * {@code radiusM} for a circle. Properties: {@code id} and {@code fleetId} (required), {@code name},
 * {@code speedLimitKmh} and {@code dwellS} (optional). Stateless.
 */
public final class GeofenceGeoJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeofenceGeoJson() {}

    /**
     * Reads the geofences of a FeatureCollection.
     *
     * @throws InvalidGeofenceException naming the feature index and the field at fault, such as
     *     {@code features[2].properties.fleetId}
     */
    public static List<Geofence> fromFeatureCollection(JsonNode collection) throws InvalidGeofenceException {
        if (!collection.isObject()
                || !"FeatureCollection".equals(collection.path("type").asText())) {
            throw new InvalidGeofenceException("type", "must be \"FeatureCollection\"");
        }
        JsonNode features = collection.path("features");
        if (!features.isArray()) {
            throw new InvalidGeofenceException("features", "must be an array of Features");
        }
        List<Geofence> geofences = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Geofence geofence;
            try {
                geofence = fromFeature(features.get(i));
            } catch (InvalidGeofenceException e) {
                throw new InvalidGeofenceException("features[" + i + "]." + e.field(), problemOf(e));
            }
            if (ids.contains(geofence.id())) {
                throw new InvalidGeofenceException(
                        "features[" + i + "].properties.id", "'" + geofence.id() + "' is used by an earlier feature");
            }
            ids.add(geofence.id());
            geofences.add(geofence);
        }
        return geofences;
    }

    /** Reads one Feature. @throws InvalidGeofenceException naming the field at fault */
    public static Geofence fromFeature(JsonNode feature) throws InvalidGeofenceException {
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
            throw new InvalidGeofenceException("type", "must be \"Feature\"");
        }
        JsonNode properties = feature.path("properties");
        if (!properties.isObject()) {
            throw new InvalidGeofenceException("properties", "must be an object with id and fleetId");
        }
        String id = requiredText(properties, "id");
        String fleetId = requiredText(properties, "fleetId");
        String name = optionalText(properties, "name");
        Double speedLimitKmh = optionalNumber(properties, "speedLimitKmh");
        Double dwellSeconds = optionalNumber(properties, "dwellS");
        Shape shape = shape(feature.path("geometry"), properties);
        Duration dwell = dwellSeconds == null ? null : dwell(dwellSeconds);
        try {
            return new Geofence(id, fleetId, name == null ? id : name, shape, speedLimitKmh, dwell);
        } catch (IllegalArgumentException e) {
            throw new InvalidGeofenceException(fieldOf(e.getMessage()), e.getMessage());
        }
    }

    /**
     * Reads a geometry as stored: a Polygon, a MultiPolygon, or a Point with {@code radiusM}.
     *
     * @param radiusM the circle's radius for a Point, otherwise null
     */
    public static Shape shape(JsonNode geometry, @Nullable Double radiusM) throws InvalidGeofenceException {
        ObjectNode properties = NODES.objectNode();
        if (radiusM != null) {
            properties.put("radiusM", radiusM);
        }
        return shape(geometry, properties);
    }

    /** Returns the Feature of a geofence, with {@code source} as an extra property when it is not null. */
    public static ObjectNode toFeature(Geofence geofence, @Nullable GeofenceSource source) {
        ObjectNode feature = NODES.objectNode();
        feature.put("type", "Feature");
        feature.put("id", geofence.id());
        feature.set("geometry", geometry(geofence.shape()));
        ObjectNode properties = feature.putObject("properties");
        properties.put("id", geofence.id());
        properties.put("fleetId", geofence.fleetId());
        properties.put("name", geofence.name());
        if (geofence.shape() instanceof Circle circle) {
            properties.put("radiusM", circle.radiusM());
        }
        if (geofence.speedLimitKmh() != null) {
            properties.put("speedLimitKmh", geofence.speedLimitKmh());
        }
        if (geofence.dwell() != null) {
            properties.put("dwellS", geofence.dwell().toSeconds());
        }
        if (source != null) {
            properties.put("source", source.code());
        }
        return feature;
    }

    /** Returns the GeoJSON geometry of a shape; a circle becomes its centre Point. */
    public static ObjectNode geometry(Shape shape) {
        ObjectNode geometry = NODES.objectNode();
        if (shape instanceof Circle circle) {
            geometry.put("type", "Point");
            geometry.set("coordinates", position(circle.centre()));
        } else if (shape instanceof Polygon polygon) {
            geometry.put("type", "Polygon");
            geometry.set("coordinates", rings(polygon));
        } else if (shape instanceof MultiPolygon multi) {
            geometry.put("type", "MultiPolygon");
            ArrayNode polygons = geometry.putArray("coordinates");
            multi.parts().forEach(part -> polygons.add(rings(part)));
        }
        return geometry;
    }

    private static Shape shape(JsonNode geometry, JsonNode properties) throws InvalidGeofenceException {
        if (!geometry.isObject()) {
            throw new InvalidGeofenceException("geometry", "must be an object with type and coordinates");
        }
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        boolean point = "Point".equals(type);
        if (!point && properties.has("radiusM")) {
            throw new InvalidGeofenceException("properties.radiusM", "is allowed only with a Point geometry");
        }
        try {
            return switch (type) {
                case "Point" -> new Circle(position(coordinates, "geometry.coordinates"), requiredRadius(properties));
                case "Polygon" -> polygon(coordinates, "geometry.coordinates");
                case "MultiPolygon" -> multiPolygon(coordinates);
                default ->
                    throw new InvalidGeofenceException(
                            "geometry.type", "'" + type + "' is not Point, Polygon or MultiPolygon");
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidGeofenceException("geometry.coordinates", e.getMessage());
        }
    }

    private static double requiredRadius(JsonNode properties) throws InvalidGeofenceException {
        Double radiusM = optionalNumber(properties, "radiusM");
        if (radiusM == null) {
            throw new InvalidGeofenceException("properties.radiusM", "is required for a Point (circle) geometry");
        }
        if (!(radiusM > 0)) {
            throw new InvalidGeofenceException("properties.radiusM", radiusM + " must be above 0");
        }
        return radiusM;
    }

    private static MultiPolygon multiPolygon(JsonNode coordinates) throws InvalidGeofenceException {
        requireArray(coordinates, "geometry.coordinates", 1);
        List<Polygon> parts = new ArrayList<>();
        for (int i = 0; i < coordinates.size(); i++) {
            parts.add(polygon(coordinates.get(i), "geometry.coordinates[" + i + "]"));
        }
        return new MultiPolygon(parts);
    }

    private static Polygon polygon(JsonNode rings, String field) throws InvalidGeofenceException {
        requireArray(rings, field, 1);
        List<List<GeoPoint>> parsed = new ArrayList<>();
        for (int i = 0; i < rings.size(); i++) {
            String ringField = field + "[" + i + "]";
            JsonNode ring = rings.get(i);
            requireArray(ring, ringField, Polygon.MIN_RING_POSITIONS);
            List<GeoPoint> points = new ArrayList<>();
            for (int j = 0; j < ring.size(); j++) {
                points.add(position(ring.get(j), ringField + "[" + j + "]"));
            }
            if (!points.get(0).equals(points.get(points.size() - 1))) {
                throw new InvalidGeofenceException(
                        ringField, "ring is not closed: its last position must equal its first");
            }
            parsed.add(points);
        }
        return new Polygon(parsed.get(0), parsed.subList(1, parsed.size()));
    }

    private static GeoPoint position(JsonNode position, String field) throws InvalidGeofenceException {
        if (!position.isArray() || position.size() < 2 || position.size() > 3) {
            throw new InvalidGeofenceException(field, "a position must be [longitude, latitude] or with an altitude");
        }
        for (JsonNode number : position) {
            if (!number.isNumber()) {
                throw new InvalidGeofenceException(field, "a position must contain numbers only");
            }
        }
        try {
            return new GeoPoint(position.get(1).asDouble(), position.get(0).asDouble());
        } catch (IllegalArgumentException e) {
            throw new InvalidGeofenceException(field, e.getMessage());
        }
    }

    private static void requireArray(JsonNode node, String field, int minSize) throws InvalidGeofenceException {
        if (!node.isArray()) {
            throw new InvalidGeofenceException(field, "must be an array");
        }
        if (node.size() < minSize) {
            throw new InvalidGeofenceException(
                    field,
                    "has " + node.size() + " elements but needs at least " + minSize
                            + (minSize == Polygon.MIN_RING_POSITIONS
                                    ? " (a closed ring repeats its first position)"
                                    : ""));
        }
    }

    private static String requiredText(JsonNode properties, String name) throws InvalidGeofenceException {
        String value = optionalText(properties, name);
        if (value == null) {
            throw new InvalidGeofenceException("properties." + name, "is required");
        }
        return value;
    }

    private static @Nullable String optionalText(JsonNode properties, String name) throws InvalidGeofenceException {
        JsonNode value = properties.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidGeofenceException("properties." + name, "must be a string");
        }
        return value.asText();
    }

    private static @Nullable Double optionalNumber(JsonNode properties, String name) throws InvalidGeofenceException {
        JsonNode value = properties.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidGeofenceException("properties." + name, "must be a number");
        }
        return value.asDouble();
    }

    private static Duration dwell(double seconds) throws InvalidGeofenceException {
        if (!(seconds >= 0) || seconds != Math.rint(seconds) || seconds > Integer.MAX_VALUE) {
            throw new InvalidGeofenceException(
                    "properties.dwellS", seconds + " must be a whole number of seconds, 0 or more");
        }
        return Duration.ofSeconds((long) seconds);
    }

    /** Returns the property a {@link Geofence} constructor message is about. */
    private static String fieldOf(@Nullable String message) {
        String text = message == null ? "" : message;
        if (text.startsWith("geofence id")) {
            return "properties.id";
        }
        if (text.startsWith("fleet id")) {
            return "properties.fleetId";
        }
        if (text.startsWith("name")) {
            return "properties.name";
        }
        return text.startsWith("speed limit") ? "properties.speedLimitKmh" : "properties";
    }

    private static String problemOf(InvalidGeofenceException e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message != null && message.startsWith(prefix)
                ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    private static ArrayNode rings(Polygon polygon) {
        ArrayNode rings = NODES.arrayNode();
        rings.add(ring(polygon.outer()));
        polygon.holes().forEach(hole -> rings.add(ring(hole)));
        return rings;
    }

    private static ArrayNode ring(List<GeoPoint> points) {
        ArrayNode ring = NODES.arrayNode();
        points.forEach(point -> ring.add(position(point)));
        return ring;
    }

    private static ArrayNode position(GeoPoint point) {
        return NODES.arrayNode().add(point.longitudeDeg()).add(point.latitudeDeg());
    }
}
