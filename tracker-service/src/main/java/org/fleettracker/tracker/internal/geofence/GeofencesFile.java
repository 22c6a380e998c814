package org.fleettracker.tracker.internal.geofence;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.fleettracker.protocol.api.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the geofences file: a GeoJSON FeatureCollection in the form of {@link GeofenceGeoJson}. */
public final class GeofencesFile {

    private GeofencesFile() {}

    /**
     * Returns the file's geofences; a missing file has none.
     *
     * @throws InvalidGeofencesFileException when the file cannot be read, is not JSON or breaks a rule; the message
     *     names the feature index and the field, such as {@code features[1].properties.fleetId: is required}
     */
    public static List<Geofence> load(Path file) throws InvalidGeofencesFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new InvalidGeofencesFileException(file, "reading it failed: " + e.getMessage(), e);
        }
        try {
            return GeofenceGeoJson.fromFeatureCollection(Json.mapper().readTree(text));
        } catch (JsonProcessingException e) {
            throw new InvalidGeofencesFileException(file, "it is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (InvalidGeofenceException e) {
            throw new InvalidGeofencesFileException(file, String.valueOf(e.getMessage()), e);
        }
    }
}
