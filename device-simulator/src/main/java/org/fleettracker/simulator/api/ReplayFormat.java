package org.fleettracker.simulator.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** File formats the simulator can replay, each with the file name extensions that select it. */
public enum ReplayFormat {
    /** GPX 1.0 or 1.1: track points, else route points, else waypoints. */
    GPX("GPX", "gpx"),
    /** NMEA 0183 log: RMC and GGA sentences with valid checksums. */
    NMEA("NMEA", "nmea", "txt", "log"),
    /** OwnTracks Recorder file: one {@code location} JSON object per line. */
    OWNTRACKS("OwnTracks", "rec"),
    /** CSV with a header row naming time, latitude, longitude and optional speed, heading, accuracy, altitude. */
    CSV("CSV", "csv");

    private final String displayName;
    private final List<String> extensions;

    ReplayFormat(String displayName, String... extensions) {
        this.displayName = displayName;
        this.extensions = List.of(extensions);
    }

    /** Returns the name that messages use for files of this format, such as {@code OwnTracks}. */
    public String displayName() {
        return displayName;
    }

    public List<String> extensions() {
        return extensions;
    }

    /**
     * Returns the format that the extension of {@code file} selects, ignoring case.
     *
     * @throws IllegalArgumentException when the extension selects no format
     */
    public static ReplayFormat ofFileName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        for (ReplayFormat format : values()) {
            if (format.extensions.contains(extension)) {
                return format;
            }
        }
        throw new IllegalArgumentException("the format of replay file " + file + " is unknown because its extension '"
                + extension + "' is none of .gpx, .nmea, .txt, .log, .rec, .csv; name it with --replay-format");
    }
}
