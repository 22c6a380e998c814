package org.fleettracker.tracker.internal.http;

import org.fleettracker.tracker.internal.storage.PositionStore.PositionVisitor;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * A file format for the positions of one vehicle. An implementation writes each position as it is read and keeps no
 * range in memory; it may read the positions more than once.
 */
interface PositionExport {

    /** File name extension without the dot, such as {@code csv}. */
    String extension();

    String contentType();

    /**
     * Writes the file.
     *
     * @param vehicleId the vehicle the positions belong to
     * @param count how many positions each pass over {@code positions} visits
     */
    void write(String vehicleId, long count, PositionSource positions, OutputStream out)
            throws IOException, SQLException;

    /** The positions to export, in (fix time, seq) order; each call reads them again. */
    @FunctionalInterface
    interface PositionSource {
        void forEach(PositionVisitor visitor) throws IOException, SQLException;
    }

    /** Returns {@code value} as a plain decimal without exponent, such as {@code 0.00001} for 1.0E-5. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
