package org.fleettracker.tracker.internal.owntracks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet vehicle of each OwnTracks device, read from {@code config/owntracks.yaml}:
 *
 * <pre>
 * devices:
 *   - user: alice        # the OwnTracks user id, the second topic level
 *     device: phone      # the OwnTracks device id, the third topic level
 *     fleet: demo
 *     vehicle: alice-phone
 * </pre>
 *
 * <p>Every value follows the id rules (1 to 64 letters, digits, '.', '_' or '-'). A user and device pair, and a
 * vehicle, may each appear once, because a vehicle's fixes are numbered by the {@code tst} of one phone. Unknown keys
 * are errors. Immutable and thread-safe.
 */
public final class OwnTracksMapping {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<Device, MappedVehicle> vehicles;

    private OwnTracksMapping(Map<Device, MappedVehicle> vehicles) {
        this.vehicles = Map.copyOf(vehicles);
    }

    /** Returns a mapping without devices, so every OwnTracks message is rejected as {@code unknown_device}. */
    public static OwnTracksMapping empty() {
        return new OwnTracksMapping(Map.of());
    }

    /**
     * Reads the mapping file; a missing file is an empty mapping.
     *
     * @throws InvalidOwnTracksFileException when the file cannot be read or breaks the rules above
     */
    public static OwnTracksMapping load(Path file) throws InvalidOwnTracksFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new InvalidOwnTracksFileException(file, "cannot read it: " + e.getMessage(), e);
        }
        Document document = parse(file, content);
        return document == null || document.devices() == null ? empty() : fromEntries(file, document.devices());
    }

    /** Returns the vehicle that device {@code device} of OwnTracks user {@code user} acts as. */
    public Optional<MappedVehicle> find(String user, String device) {
        return Optional.ofNullable(vehicles.get(new Device(user, device)));
    }

    /** Returns the number of mapped devices. */
    public int size() {
        return vehicles.size();
    }

    private static @Nullable Document parse(Path file, byte[] content) throws InvalidOwnTracksFileException {
        try {
            return content.length == 0 ? null : YAML.readValue(content, Document.class);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr();
            throw new InvalidOwnTracksFileException(
                    file, "not a valid mapping" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidOwnTracksFileException(file, "cannot read it: " + e.getMessage(), e);
        }
    }

    private static OwnTracksMapping fromEntries(Path file, List<@Nullable Entry> entries)
            throws InvalidOwnTracksFileException {
        Map<Device, MappedVehicle> vehicles = new HashMap<>();
        Set<String> vehicleIds = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String label = "device entry " + (i + 1);
            Entry entry = entries.get(i);
            if (entry == null) {
                throw new InvalidOwnTracksFileException(file, label + " is empty");
            }
            Device device =
                    new Device(id(file, label, "user", entry.user()), id(file, label, "device", entry.device()));
            MappedVehicle vehicle = new MappedVehicle(
                    id(file, label, "fleet", entry.fleet()), id(file, label, "vehicle", entry.vehicle()));
            if (vehicles.putIfAbsent(device, vehicle) != null) {
                throw new InvalidOwnTracksFileException(
                        file, label + " repeats user '" + device.user() + "' with device '" + device.device() + "'");
            }
            if (!vehicleIds.add(vehicle.vehicleId())) {
                throw new InvalidOwnTracksFileException(
                        file, label + " maps a second device to vehicle '" + vehicle.vehicleId() + "'");
            }
        }
        return new OwnTracksMapping(vehicles);
    }

    private static String id(Path file, String label, String key, @Nullable String value)
            throws InvalidOwnTracksFileException {
        if (value == null) {
            throw new InvalidOwnTracksFileException(file, label + " has no " + key);
        }
        if (!Ids.isValid(value)) {
            throw new InvalidOwnTracksFileException(
                    file,
                    label + " has " + key + " '" + value + "', but ids are 1 to " + Ids.MAX_LENGTH
                            + " letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private record Device(String user, String device) {}

    private record Document(@Nullable List<@Nullable Entry> devices) {}

    private record Entry(
            @Nullable String user, @Nullable String device, @Nullable String fleet, @Nullable String vehicle) {}
}
