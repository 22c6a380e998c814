package org.fleettracker.tracker.internal.http;

import org.fleettracker.tracker.internal.trips.Trip;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Writes trips as RFC 4180 CSV: a header row, CRLF line ends, UTC ISO-8601 times. */
final class TripsCsv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    static final List<String> HEADER = List.of(
            "trip_id",
            "fleet_id",
            "vehicle_id",
            "start_time",
            "start_lat",
            "start_lon",
            "end_time",
            "end_lat",
            "end_lon",
            "distance_m",
            "duration_s",
            "max_speed_kmh",
            "average_speed_kmh",
            "position_count",
            "open");

    private static final String LINE_END = "\r\n";

    private TripsCsv() {}

    static void writeHeader(Writer out) throws IOException {
        writeRow(out, HEADER);
    }

    static void writeTrip(Writer out, Trip trip) throws IOException {
        writeRow(
                out,
                List.of(
                        trip.tripId(),
                        trip.fleetId(),
                        trip.vehicleId(),
                        trip.startTime().toString(),
                        Double.toString(trip.startLatitudeDeg()),
                        Double.toString(trip.startLongitudeDeg()),
                        trip.endTime().toString(),
                        Double.toString(trip.endLatitudeDeg()),
                        Double.toString(trip.endLongitudeDeg()),
                        decimal(trip.distanceM()),
                        Long.toString(trip.durationS()),
                        decimal(trip.maxSpeedKmh()),
                        decimal(trip.averageSpeedKmh()),
                        Integer.toString(trip.positionCount()),
                        Boolean.toString(trip.open())));
    }

    private static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(fields.get(i)));
        }
        out.write(LINE_END);
    }

    /** Returns the field quoted, with quotes doubled, when it contains a comma, a quote or a line break. */
    static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
