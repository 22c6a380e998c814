package org.fleettracker.tracker.internal.http;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Positions as a GPX 1.1 track: one {@code trk} with one {@code trkseg}, a {@code trkpt} per position with {@code
 * ele} (when the altitude is known) and {@code time}. GPX 1.1 has no speed or course element, so speed and heading
 * go into the point's {@code extensions} in the {@value #EXTENSION_NAMESPACE} namespace.
 */
final class GpxPositionExport implements PositionExport {

    static final String GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1";

    /** Namespace of the tracker's own elements {@code speedKmh} and {@code headingDeg} inside {@code extensions}. */
    static final String EXTENSION_NAMESPACE = "urn:fleet-tracker:gpx:1";

    private static final String EXTENSION_PREFIX = "ft";

    /** The schema's longitude type excludes +180, which is the same meridian as -180. */
    private static final double ANTIMERIDIAN_DEG = 180.0;

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    @Override
    public String extension() {
        return "gpx";
    }

    @Override
    public String contentType() {
        return "application/gpx+xml; charset=utf-8";
    }

    @Override
    public void write(String vehicleId, long count, PositionSource positions, OutputStream out)
            throws IOException, SQLException {
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writeStart(xml, vehicleId);
            positions.forEach(position -> writePoint(xml, position));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Writing GPX failed: " + e.getMessage(), e);
        }
    }

    private static void writeStart(XMLStreamWriter xml, String vehicleId) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.setDefaultNamespace(GPX_NAMESPACE);
        xml.setPrefix(EXTENSION_PREFIX, EXTENSION_NAMESPACE);
        xml.writeStartElement(GPX_NAMESPACE, "gpx");
        xml.writeDefaultNamespace(GPX_NAMESPACE);
        xml.writeNamespace(EXTENSION_PREFIX, EXTENSION_NAMESPACE);
        xml.writeAttribute("version", "1.1");
        xml.writeAttribute("creator", "fleet-tracker");
        xml.writeStartElement(GPX_NAMESPACE, "trk");
        writeText(xml, GPX_NAMESPACE, "name", vehicleId);
        xml.writeStartElement(GPX_NAMESPACE, "trkseg");
    }

    private static void writePoint(XMLStreamWriter xml, StoredPosition position) throws IOException {
        Telemetry fix = position.fix();
        double longitude = fix.longitudeDeg() == ANTIMERIDIAN_DEG ? -ANTIMERIDIAN_DEG : fix.longitudeDeg();
        try {
            xml.writeStartElement(GPX_NAMESPACE, "trkpt");
            xml.writeAttribute("lat", PositionExport.decimal(fix.latitudeDeg()));
            xml.writeAttribute("lon", PositionExport.decimal(longitude));
            if (fix.altitudeM() != null) {
                writeText(xml, GPX_NAMESPACE, "ele", PositionExport.decimal(fix.altitudeM()));
            }
            writeText(xml, GPX_NAMESPACE, "time", fix.fixTime().toString());
            xml.writeStartElement(GPX_NAMESPACE, "extensions");
            writeText(xml, EXTENSION_NAMESPACE, "speedKmh", PositionExport.decimal(fix.speedKmh()));
            writeText(xml, EXTENSION_NAMESPACE, "headingDeg", PositionExport.decimal(fix.headingDeg()));
            xml.writeEndElement();
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException("Writing GPX point of seq " + fix.seq() + " failed: " + e.getMessage(), e);
        }
    }

    private static void writeText(XMLStreamWriter xml, String namespace, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(namespace, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
