package org.fleettracker.simulator.internal.replay;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Test helpers: the fixtures under {@code /replay} and files written into a temporary folder. */
final class ReplayFixtures {

    private ReplayFixtures() {}

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ReplayFixtures.class.getResource("/replay/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Returns {@code $body*hh} with the checksum NMEA 0183 defines: the XOR of the body's characters. */
    static String nmea(String body) {
        int checksum = 0;
        for (char c : body.toCharArray()) {
            checksum ^= c;
        }
        return "$" + body + String.format(Locale.ROOT, "*%02X", checksum);
    }
}
