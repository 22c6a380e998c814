package org.fleettracker.simulator.internal.gpx;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads GPX 1.0 and 1.1 files with the JDK's StAX parser.
 *
 * <p>A document type declaration is rejected before any entity could be resolved, and the parser has DTD support
 * and external entities switched off, so a file cannot make the reader open other files or URLs (XXE). Track
 * points are used when the file has any; otherwise route points; otherwise waypoints. Thread-safe.
 */
public final class GpxReader {

    private static final Set<String> VERSIONS = Set.of("1.0", "1.1");
    private static final List<String> POINT_ELEMENTS = List.of("trkpt", "rtept", "wpt");
    private static final double MIN_ALTITUDE_M = -1_000;
    private static final double MAX_ALTITUDE_M = 100_000;

    private GpxReader() {}

    /**
     * Reads every point of {@code file}.
     *
     * @throws GpxFormatException when the file is not well-formed XML, not GPX, or has no usable point
     * @throws UncheckedIOException when the file cannot be read
     */
    public static GpxTrack read(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            XMLStreamReader reader = factory().createXMLStreamReader(input);
            try {
                return parse(file, reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String problem = "not well-formed XML: " + firstLine(e.getMessage());
            throw line > 0 ? new GpxFormatException(file, line, problem) : new GpxFormatException(file, problem);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("GPX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading GPX file " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    private static GpxTrack parse(Path file, XMLStreamReader reader) throws XMLStreamException {
        Map<String, List<GpxPoint>> pointsByElement =
                Map.of("trkpt", new ArrayList<>(), "rtept", new ArrayList<>(), "wpt", new ArrayList<>());
        boolean rootSeen = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new GpxFormatException(file, line(reader), "a DOCTYPE declaration is not allowed in GPX");
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new GpxFormatException(
                        file, line(reader), "entity reference &" + reader.getLocalName() + "; is not allowed in GPX");
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = reader.getLocalName();
            if (!rootSeen) {
                checkRoot(file, reader);
                rootSeen = true;
            } else if (POINT_ELEMENTS.contains(name)) {
                pointsByElement.get(name).add(readPoint(file, reader, name));
            }
        }
        for (String element : POINT_ELEMENTS) {
            if (!pointsByElement.get(element).isEmpty()) {
                return new GpxTrack(file, element, pointsByElement.get(element));
            }
        }
        throw new GpxFormatException(file, "it contains no trkpt, rtept or wpt point to replay");
    }

    private static void checkRoot(Path file, XMLStreamReader reader) {
        if (!"gpx".equals(reader.getLocalName())) {
            throw new GpxFormatException(
                    file, line(reader), "the root element is <" + reader.getLocalName() + ">, expected <gpx>");
        }
        String version = reader.getAttributeValue(null, "version");
        if (version != null && !VERSIONS.contains(version.strip())) {
            throw new GpxFormatException(
                    file, line(reader), "GPX version '" + version + "' is not supported, only 1.0 and 1.1");
        }
    }

    private static GpxPoint readPoint(Path file, XMLStreamReader reader, String element) throws XMLStreamException {
        int pointLine = line(reader);
        double latitudeDeg = coordinate(file, reader, element, "lat", 90);
        double longitudeDeg = coordinate(file, reader, element, "lon", 180);
        Double altitudeM = null;
        Instant time = null;
        Double speedMps = null;
        Double courseDeg = null;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new GpxFormatException(
                        file, line(reader), "entity reference &" + reader.getLocalName() + "; is not allowed in GPX");
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String child = reader.getLocalName();
                int childLine = line(reader);
                switch (child) {
                    case "ele" -> altitudeM = altitude(file, childLine, reader.getElementText());
                    case "time" -> time = time(file, childLine, reader.getElementText());
                    case "speed" -> speedMps = speed(file, childLine, reader.getElementText());
                    case "course" -> courseDeg = course(file, childLine, reader.getElementText());
                    default -> depth++;
                }
            }
        }
        return new GpxPoint(pointLine, latitudeDeg, longitudeDeg, altitudeM, time, speedMps, courseDeg, null);
    }

    private static double coordinate(Path file, XMLStreamReader reader, String element, String name, double limit) {
        String text = reader.getAttributeValue(null, name);
        if (text == null) {
            throw new GpxFormatException(file, line(reader), "<" + element + "> has no " + name + " attribute");
        }
        Double value = parseNumber(text);
        if (value == null || value < -limit || value > limit) {
            throw new GpxFormatException(
                    file,
                    line(reader),
                    name + " '" + text + "' of <" + element + "> is not a number from -" + limit + " to " + limit);
        }
        return value;
    }

    private static double altitude(Path file, int line, String text) {
        Double value = parseNumber(text);
        if (value == null || value < MIN_ALTITUDE_M || value > MAX_ALTITUDE_M) {
            throw new GpxFormatException(
                    file,
                    line,
                    "ele '" + text.strip() + "' is not a number from " + MIN_ALTITUDE_M + " to " + MAX_ALTITUDE_M
                            + " metres");
        }
        return value;
    }

    private static double speed(Path file, int line, String text) {
        Double value = parseNumber(text);
        if (value == null || value < 0) {
            throw new GpxFormatException(
                    file, line, "speed '" + text.strip() + "' is not a number of metres per " + "second of at least 0");
        }
        return value;
    }

    private static double course(Path file, int line, String text) {
        Double value = parseNumber(text);
        if (value == null || value < 0 || value > 360) {
            throw new GpxFormatException(file, line, "course '" + text.strip() + "' is not a number from 0 to 360");
        }
        return value == 360 ? 0 : value;
    }

    private static Instant time(Path file, int line, String text) {
        String trimmed = text.strip();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // xsd:dateTime allows a time without offset; GPX writers mean UTC by it.
                return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new GpxFormatException(
                        file, line, "time '" + trimmed + "' is not an ISO-8601 date-time such as 2024-05-01T10:00:00Z");
            }
        }
    }

    private static @Nullable Double parseNumber(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int line(XMLStreamReader reader) {
        return reader.getLocation().getLineNumber();
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no detail";
        }
        String stripped = message.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
