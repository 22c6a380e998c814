package org.fleettracker.console.internal.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The console's Maven version, which the build writes into {@code console-version.properties}. */
final class ConsoleVersion {

    /** The project version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} when the resource is missing. */
    static final String VERSION = read();

    private ConsoleVersion() {}

    private static String read() {
        try (InputStream in = ConsoleVersion.class.getResourceAsStream("console-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            // An unfiltered copy, as an IDE may make, still contains the Maven placeholder.
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read console-version.properties from the class path", e);
        }
    }
}
