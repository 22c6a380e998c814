package org.fleettracker.tracker.internal.http;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * Positions as CSV after RFC 4180: a header row, CRLF line ends, and a field in double quotes when it contains a
 * comma, a double quote or a line break. Times are UTC ISO-8601 and an absent value is an empty field.
 */
final class CsvPositionExport implements PositionExport {

    static final List<String> HEADER = List.of(
            "vehicleId",
            "seq",
            "fixTime",
            "receivedTime",
            "latitudeDeg",
            "longitudeDeg",
            "speedKmh",
            "headingDeg",
            "altitudeM",
            "accuracyM",
            "odometerM",
            "ignition",
            "batteryPct",
            "panic",
            "timeCorrected",
            "outlier",
            "lowConfidence");

    private static final String LINE_END = "\r\n";

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8; header=present";
    }

    @Override
    public void write(String vehicleId, long count, PositionSource positions, OutputStream out)
            throws IOException, SQLException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writeRow(writer, HEADER);
        positions.forEach(position -> writeRow(writer, fields(position)));
        writer.flush();
    }

    private static List<String> fields(StoredPosition position) {
        Telemetry fix = position.fix();
        return List.of(
                fix.vehicleId(),
                Long.toString(fix.seq()),
                fix.fixTime().toString(),
                position.receivedTime().toString(),
                PositionExport.decimal(fix.latitudeDeg()),
                PositionExport.decimal(fix.longitudeDeg()),
                PositionExport.decimal(fix.speedKmh()),
                PositionExport.decimal(fix.headingDeg()),
                optional(fix.altitudeM()),
                optional(fix.accuracyM()),
                optional(fix.odometerM()),
                fix.ignition() == null ? "" : fix.ignition().toString(),
                optional(fix.batteryPct()),
                fix.panic() == null ? "" : fix.panic().toString(),
                Boolean.toString(position.has(PositionFlag.TIME_CORRECTED)),
                Boolean.toString(position.has(PositionFlag.OUTLIER)),
                Boolean.toString(position.has(PositionFlag.LOW_CONFIDENCE)));
    }

    private static String optional(@Nullable Double value) {
        return value == null ? "" : PositionExport.decimal(value);
    }

    private static void writeRow(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(quoted(fields.get(i)));
        }
        writer.write(LINE_END);
    }

    /** Returns the field as RFC 4180 writes it: in double quotes, with each quote doubled, when it needs them. */
    static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
