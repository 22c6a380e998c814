package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Telemetry;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes the {@code positions} table.
 *
 * <p>Stateless and thread-safe; callers pass the connection, so writes join the caller's transaction.
 */
public final class PositionStore {

    private static final String COLUMNS = "fleet_id, vehicle_id, seq, fix_time, received_time, lat, lon, speed_kmh,"
            + " heading_deg, altitude_m, accuracy_m, odometer_m, ignition, battery_pct, time_corrected, outlier,"
            + " low_confidence, panic";

    private static final String INSERT_COLUMNS = COLUMNS + ", stored_time";

    // PostgreSQL only: the 1-based indexes of the (vehicle_id, seq) pairs, bound as two arrays, that are stored.
    private static final String SELECT_STORED_SEQS =
            "SELECT k.i FROM unnest(?, ?) WITH ORDINALITY AS k(vehicle_id, seq, i)"
                    + " WHERE EXISTS (SELECT 1 FROM positions p WHERE p.vehicle_id = k.vehicle_id AND p.seq = k.seq)";

    // PostgreSQL only: the same for (vehicle_id, fix_time, lat, lon), with the fix times as epoch microseconds.
    private static final String SELECT_STORED_FIXES = "SELECT k.i FROM unnest(?, ?, ?, ?) WITH ORDINALITY"
            + " AS k(vehicle_id, fix_micros, lat, lon, i) WHERE EXISTS (SELECT 1 FROM positions p"
            + " WHERE p.vehicle_id = k.vehicle_id AND p.fix_time = TIMESTAMPTZ 'epoch' + k.fix_micros * INTERVAL"
            + " '1 microsecond' AND p.lat = k.lat AND p.lon = k.lon)";

    private static final String SELECT_RANGE = "SELECT " + COLUMNS + " FROM positions"
            + " WHERE vehicle_id = ? AND fix_time >= ? AND fix_time < ? ORDER BY fix_time, seq LIMIT ?";

    // Keyset paging: rows after the previous page's last (fix_time, seq), so a page neither repeats nor skips a row
    // that existed when the paging began, even when rows are added meanwhile.
    private static final String SELECT_PAGE = "SELECT " + COLUMNS + " FROM positions"
            + " WHERE vehicle_id = ? AND fix_time >= ? AND fix_time < ?"
            + " AND (fix_time > ? OR (fix_time = ? AND seq > ?)) ORDER BY fix_time, seq LIMIT ?";

    private static final String RANGE_FILTER =
            " FROM positions WHERE vehicle_id = ? AND fix_time >= ? AND fix_time < ? AND (? OR NOT outlier)";

    private static final String COUNT_RANGE = "SELECT COUNT(*)" + RANGE_FILTER;

    private static final String SELECT_RANGE_ALL = "SELECT " + COLUMNS + RANGE_FILTER + " ORDER BY fix_time, seq";

    /**
     * Rows per fetch while a caller visits a range, a hint for a remote H2 server.
     *
     * <p>NOTE: an embedded H2 builds the whole result first and relies on its MAX_MEMORY_ROWS setting to buffer a
     * large one on disk; the heap use of a 100,000-row export was not measured.
     */
    private static final int VISIT_FETCH_SIZE = 500;

    private static final String SELECT_LATEST = "SELECT " + COLUMNS + " FROM ("
            + "SELECT p.*, ROW_NUMBER() OVER (PARTITION BY vehicle_id ORDER BY fix_time DESC, seq DESC) AS rank_desc"
            + " FROM positions p WHERE NOT outlier) AS ranked WHERE rank_desc = 1";

    // Two look-ups, because H2 2.4.240 runs "seq = ? OR fix_time = ?" by scanning all rows of the vehicle.
    private static final String SELECT_SAME_SEQ = "SELECT 1 FROM positions WHERE vehicle_id = ? AND seq = ?";

    private static final String SELECT_SAME_FIX =
            "SELECT 1 FROM positions WHERE vehicle_id = ? AND fix_time = ? AND lat = ? AND lon = ? LIMIT 1";

    // The ORDER BY follows the index columns, so H2 reads the index backwards and stops at the first match. With
    // "ORDER BY fix_time DESC, seq DESC" it sorted every earlier row of the vehicle (5 ms at 300,000 rows).
    private static final String SELECT_ACCEPTED_BEFORE = "SELECT " + COLUMNS + " FROM positions"
            + " WHERE vehicle_id = ? AND fix_time <= ? AND NOT outlier"
            + " ORDER BY vehicle_id DESC, fix_time DESC, lat DESC, lon DESC LIMIT 1";

    // Both read their index backwards from the vehicle's end, as above, so each touches one index entry.
    private static final String SELECT_MAX_SEQ =
            "SELECT seq FROM positions WHERE vehicle_id = ? ORDER BY vehicle_id DESC, seq DESC LIMIT 1";

    private static final String SELECT_MAX_FIX_TIME = "SELECT fix_time FROM positions WHERE vehicle_id = ?"
            + " ORDER BY vehicle_id DESC, fix_time DESC, lat DESC, lon DESC LIMIT 1";

    private static final String SELECT_NEWEST_AFTER = "SELECT " + COLUMNS + " FROM positions"
            + " WHERE vehicle_id = ? AND fix_time > ?"
            + " ORDER BY vehicle_id DESC, fix_time DESC, lat DESC, lon DESC LIMIT ?";

    /** Earliest and latest instants that fit the column type; used when a range end is open. */
    private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Inserts every position whose (vehicle id, seq) is not stored yet, in one JDBC batch, without a stored time.
     *
     * @return for each position in order, whether it was inserted (false: it was a duplicate)
     */
    public boolean[] insertNew(Connection connection, List<StoredPosition> positions) throws SQLException {
        return insertNew(connection, positions, null);
    }

    /**
     * Inserts every position whose (vehicle id, seq) is not stored yet, in one JDBC batch.
     *
     * @param storedTime the batch's write time, stored in {@code stored_time} of every inserted row; null for none
     * @return for each position in order, whether it was inserted (false: it was a duplicate)
     */
    public boolean[] insertNew(Connection connection, List<StoredPosition> positions, @Nullable Instant storedTime)
            throws SQLException {
        // A repeat inside the list is skipped here. In one JDBC batch, H2 2.4.240 did not see the batch's own
        // earlier row in the NOT EXISTS test, so both copies reached the unique key and the whole batch failed.
        List<Integer> firsts = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < positions.size(); i++) {
            if (keys.add(
                    key(positions.get(i).vehicleId(), positions.get(i).fix().seq()))) {
                firsts.add(i);
            }
        }
        Dialect dialect = Dialect.of(connection);
        return dialect.reportsBatchRowCounts()
                ? insertCounted(connection, dialect, positions, firsts, storedTime)
                : insertAfterLookup(connection, dialect, positions, firsts, storedTime);
    }

    /** Inserts the rows at {@code firsts} and takes from the batch's row counts which of them were new. */
    private static boolean[] insertCounted(
            Connection connection,
            Dialect dialect,
            List<StoredPosition> positions,
            List<Integer> firsts,
            @Nullable Instant storedTime)
            throws SQLException {
        boolean[] inserted = new boolean[positions.size()];
        int[] counts = insertBatch(connection, dialect, positions, firsts, storedTime);
        for (int j = 0; j < counts.length; j++) {
            inserted[firsts.get(j)] = counts[j] > 0;
        }
        return inserted;
    }

    /**
     * Looks up which rows at {@code firsts} are stored, then inserts the others, for a driver whose rewritten batch
     * reports no row counts. The INSERT still skips a row that another transaction stored meanwhile.
     *
     * <p>NOTE: such a row, stored by a second tracker on the same database between the look-up and the INSERT, is
     * reported as inserted by this batch as well; one tracker alone never hits this.
     */
    private boolean[] insertAfterLookup(
            Connection connection,
            Dialect dialect,
            List<StoredPosition> positions,
            List<Integer> firsts,
            @Nullable Instant storedTime)
            throws SQLException {
        List<Telemetry> candidates =
                firsts.stream().map(i -> positions.get(i).fix()).toList();
        boolean[] stored = findStoredSeqs(connection, candidates);
        List<Integer> fresh = new ArrayList<>();
        for (int j = 0; j < firsts.size(); j++) {
            if (!stored[j]) {
                fresh.add(firsts.get(j));
            }
        }
        insertBatch(connection, dialect, positions, fresh, storedTime);
        boolean[] inserted = new boolean[positions.size()];
        fresh.forEach(i -> inserted[i] = true);
        return inserted;
    }

    private static int[] insertBatch(
            Connection connection,
            Dialect dialect,
            List<StoredPosition> positions,
            List<Integer> indexes,
            @Nullable Instant storedTime)
            throws SQLException {
        if (indexes.isEmpty()) {
            return new int[0];
        }
        String sql = dialect.insertIfAbsent("positions", INSERT_COLUMNS, "vehicle_id, seq");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i : indexes) {
                StoredPosition position = positions.get(i);
                bindInsert(statement, position, storedTime);
                if (dialect.bindsKeyTwice()) {
                    statement.setString(20, position.vehicleId());
                    statement.setLong(21, position.fix().seq());
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /**
     * Returns, for each fix in order, whether a position with its vehicle id and seq is stored, in one query. For
     * PostgreSQL, where {@link #containsSeq} per fix would cost a network round trip each.
     */
    public boolean[] findStoredSeqs(Connection connection, List<Telemetry> fixes) throws SQLException {
        String[] vehicleIds = new String[fixes.size()];
        Long[] seqs = new Long[fixes.size()];
        for (int i = 0; i < fixes.size(); i++) {
            vehicleIds[i] = fixes.get(i).vehicleId();
            seqs[i] = fixes.get(i).seq();
        }
        try (PreparedStatement statement = connection.prepareStatement(SELECT_STORED_SEQS)) {
            statement.setArray(1, connection.createArrayOf("varchar", vehicleIds));
            statement.setArray(2, connection.createArrayOf("bigint", seqs));
            return foundIndexes(statement, fixes.size());
        }
    }

    /**
     * Returns, for each fix in order, whether a position with its vehicle id, fix time, latitude and longitude is
     * stored, in one query: the PostgreSQL form of {@link #containsFix}. The fix time is compared after rounding to
     * the nearest microsecond, as the PostgreSQL driver rounds it when it stores it.
     */
    public boolean[] findStoredFixes(Connection connection, List<Telemetry> fixes) throws SQLException {
        String[] vehicleIds = new String[fixes.size()];
        Long[] fixMicros = new Long[fixes.size()];
        Double[] latitudes = new Double[fixes.size()];
        Double[] longitudes = new Double[fixes.size()];
        for (int i = 0; i < fixes.size(); i++) {
            Telemetry fix = fixes.get(i);
            vehicleIds[i] = fix.vehicleId();
            fixMicros[i] = roundedEpochMicros(fix.fixTime());
            latitudes[i] = fix.latitudeDeg();
            longitudes[i] = fix.longitudeDeg();
        }
        try (PreparedStatement statement = connection.prepareStatement(SELECT_STORED_FIXES)) {
            statement.setArray(1, connection.createArrayOf("varchar", vehicleIds));
            statement.setArray(2, connection.createArrayOf("bigint", fixMicros));
            statement.setArray(3, connection.createArrayOf("float8", latitudes));
            statement.setArray(4, connection.createArrayOf("float8", longitudes));
            return foundIndexes(statement, fixes.size());
        }
    }

    /** Returns the instant in epoch microseconds, rounded half up as the PostgreSQL driver 42.7 rounds it. */
    static long roundedEpochMicros(Instant instant) {
        long micros =
                Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        return instant.getNano() % 1_000 >= 500 ? micros + 1 : micros;
    }

    /** Reads the 1-based indexes that the statement returns into flags of the given length. */
    private static boolean[] foundIndexes(PreparedStatement statement, int length) throws SQLException {
        boolean[] found = new boolean[length];
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found[(int) rows.getLong(1) - 1] = true;
            }
        }
        return found;
    }

    private static String key(String vehicleId, long seq) {
        return vehicleId + "/" + seq;
    }

    /**
     * Returns the positions of one vehicle with {@code from <= fixTime < to}, ordered by fix time, then seq.
     *
     * @param from inclusive lower bound, or null for no bound
     * @param to exclusive upper bound, or null for no bound
     */
    public List<StoredPosition> findByFixTime(
            Connection connection, String vehicleId, @Nullable Instant from, @Nullable Instant to, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_RANGE)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, utc(from == null ? MIN_TIME : from));
            statement.setObject(3, utc(to == null ? MAX_TIME : to));
            statement.setInt(4, limit);
            return readAll(statement);
        }
    }

    /**
     * Returns up to {@code limit} positions of one vehicle with {@code from <= fixTime < to} that come after {@code
     * (afterFixTime, afterSeq)} in (fix time, seq) order, ordered that way.
     *
     * @param from inclusive lower bound, or null for no bound
     * @param to exclusive upper bound, or null for no bound
     */
    public List<StoredPosition> findPageAfter(
            Connection connection,
            String vehicleId,
            @Nullable Instant from,
            @Nullable Instant to,
            Instant afterFixTime,
            long afterSeq,
            int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_PAGE)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, utc(from == null ? MIN_TIME : from));
            statement.setObject(3, utc(to == null ? MAX_TIME : to));
            statement.setObject(4, utc(afterFixTime));
            statement.setObject(5, utc(afterFixTime));
            statement.setLong(6, afterSeq);
            statement.setInt(7, limit);
            return readAll(statement);
        }
    }

    /** Returns how many positions {@link #visitRange} with the same arguments visits. */
    public long countRange(
            Connection connection, String vehicleId, @Nullable Instant from, @Nullable Instant to, boolean outliers)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT_RANGE)) {
            bindRange(statement, vehicleId, from, to, outliers);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Passes each position of one vehicle with {@code from <= fixTime < to} to {@code visitor} in (fix time, seq)
     * order as it is read, without collecting them, so a caller can stream a range of any size.
     *
     * @param outliers whether positions flagged as outliers are visited too
     * @throws IOException when the visitor throws it; the remaining rows are not read
     */
    public void visitRange(
            Connection connection,
            String vehicleId,
            @Nullable Instant from,
            @Nullable Instant to,
            boolean outliers,
            PositionVisitor visitor)
            throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_RANGE_ALL)) {
            bindRange(statement, vehicleId, from, to, outliers);
            statement.setFetchSize(VISIT_FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(read(rows));
                }
            }
        }
    }

    /** Receives the positions of {@link #visitRange} one at a time. */
    @FunctionalInterface
    public interface PositionVisitor {
        void visit(StoredPosition position) throws IOException;
    }

    private static void bindRange(
            PreparedStatement statement,
            String vehicleId,
            @Nullable Instant from,
            @Nullable Instant to,
            boolean outliers)
            throws SQLException {
        statement.setString(1, vehicleId);
        statement.setObject(2, utc(from == null ? MIN_TIME : from));
        statement.setObject(3, utc(to == null ? MAX_TIME : to));
        statement.setBoolean(4, outliers);
    }

    /** Returns whether a position with this vehicle id and seq is stored. */
    public boolean containsSeq(Connection connection, String vehicleId, long seq) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_SAME_SEQ)) {
            statement.setString(1, vehicleId);
            statement.setLong(2, seq);
            return exists(statement);
        }
    }

    /** Returns whether a position with this vehicle id, fix time, latitude and longitude is stored. */
    public boolean containsFix(Connection connection, Telemetry fix) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_SAME_FIX)) {
            statement.setString(1, fix.vehicleId());
            statement.setObject(2, utc(fix.fixTime()));
            statement.setDouble(3, fix.latitudeDeg());
            statement.setDouble(4, fix.longitudeDeg());
            return exists(statement);
        }
    }

    /**
     * Returns the highest seq and the latest fix time of the vehicle's stored positions, outliers included, or null
     * when it has none.
     */
    public @Nullable StoredExtent findExtent(Connection connection, String vehicleId) throws SQLException {
        long maxSeq;
        try (PreparedStatement statement = connection.prepareStatement(SELECT_MAX_SEQ)) {
            statement.setString(1, vehicleId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                maxSeq = rows.getLong(1);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SELECT_MAX_FIX_TIME)) {
            statement.setString(1, vehicleId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new StoredExtent(
                        maxSeq, rows.getObject(1, OffsetDateTime.class).toInstant());
            }
        }
    }

    /** The highest seq and the latest fix time among one vehicle's stored positions. */
    public record StoredExtent(long maxSeq, Instant maxFixTime) {

        /** Returns the extent that also covers {@code fix}. */
        public StoredExtent including(Telemetry fix) {
            return new StoredExtent(
                    Math.max(maxSeq, fix.seq()), fix.fixTime().isAfter(maxFixTime) ? fix.fixTime() : maxFixTime);
        }
    }

    private static boolean exists(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    /**
     * Returns the vehicle's stored position that is not an outlier with the latest fix time at or before {@code
     * upTo}, or empty when there is none.
     */
    public Optional<StoredPosition> findAcceptedAtOrBefore(Connection connection, String vehicleId, Instant upTo)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_ACCEPTED_BEFORE)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, utc(upTo));
            return readAll(statement).stream().findFirst();
        }
    }

    /**
     * Returns up to {@code limit} of the vehicle's stored positions with a fix time after {@code after}, the newest
     * ones, in fix-time order.
     */
    public List<StoredPosition> findNewestAfter(Connection connection, String vehicleId, Instant after, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_NEWEST_AFTER)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, utc(after));
            statement.setInt(3, limit);
            List<StoredPosition> positions = readAll(statement);
            Collections.reverse(positions);
            return positions;
        }
    }

    /**
     * Returns, for each vehicle, its stored position that is not an outlier with the latest fix time (the highest
     * seq on a tie).
     */
    public List<StoredPosition> findLatestPerVehicle(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_LATEST)) {
            return readAll(statement);
        }
    }

    private static void bindInsert(PreparedStatement statement, StoredPosition position, @Nullable Instant storedTime)
            throws SQLException {
        Telemetry fix = position.fix();
        statement.setString(1, position.fleetId());
        statement.setString(2, fix.vehicleId());
        statement.setLong(3, fix.seq());
        statement.setObject(4, utc(fix.fixTime()));
        statement.setObject(5, utc(position.receivedTime()));
        statement.setDouble(6, fix.latitudeDeg());
        statement.setDouble(7, fix.longitudeDeg());
        statement.setDouble(8, fix.speedKmh());
        statement.setDouble(9, fix.headingDeg());
        setNullableDouble(statement, 10, fix.altitudeM());
        setNullableDouble(statement, 11, fix.accuracyM());
        setNullableDouble(statement, 12, fix.odometerM());
        setNullableBoolean(statement, 13, fix.ignition());
        setNullableDouble(statement, 14, fix.batteryPct());
        statement.setBoolean(15, position.has(PositionFlag.TIME_CORRECTED));
        statement.setBoolean(16, position.has(PositionFlag.OUTLIER));
        statement.setBoolean(17, position.has(PositionFlag.LOW_CONFIDENCE));
        setNullableBoolean(statement, 18, fix.panic());
        if (storedTime == null) {
            statement.setNull(19, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(19, utc(storedTime));
        }
    }

    private static List<StoredPosition> readAll(PreparedStatement statement) throws SQLException {
        List<StoredPosition> positions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                positions.add(read(rows));
            }
        }
        return positions;
    }

    private static StoredPosition read(ResultSet rows) throws SQLException {
        Telemetry fix = new Telemetry(
                rows.getString("vehicle_id"),
                rows.getLong("seq"),
                instant(rows, "fix_time"),
                rows.getDouble("lat"),
                rows.getDouble("lon"),
                rows.getDouble("speed_kmh"),
                rows.getDouble("heading_deg"),
                nullableDouble(rows, "altitude_m"),
                nullableDouble(rows, "accuracy_m"),
                nullableDouble(rows, "odometer_m"),
                rows.getObject("ignition", Boolean.class),
                nullableDouble(rows, "battery_pct"),
                rows.getObject("panic", Boolean.class));
        Set<PositionFlag> flags = EnumSet.noneOf(PositionFlag.class);
        for (PositionFlag flag : PositionFlag.values()) {
            if (rows.getBoolean(flag.code())) {
                flags.add(flag);
            }
        }
        return new StoredPosition(rows.getString("fleet_id"), fix, instant(rows, "received_time"), flags);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Double nullableDouble(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, Double.class);
    }

    private static void setNullableBoolean(PreparedStatement statement, int index, @Nullable Boolean value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BOOLEAN);
        } else {
            statement.setBoolean(index, value);
        }
    }

    private static void setNullableDouble(PreparedStatement statement, int index, @Nullable Double value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }
}
