package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Reject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/** Writes the {@code rejects} table. Stateless and thread-safe; writes join the caller's transaction. */
public final class RejectStore {

    /** Maximum length of a stored reject detail, in characters; longer details are cut. */
    static final int MAX_DETAIL_CHARS = 2_000;

    /** Maximum length of a stored fleet or vehicle id, in characters, matching the column size. */
    static final int MAX_ID_CHARS = 256;

    /** Maximum number of raw payload bytes stored per reject, matching the column size. */
    public static final int MAX_PAYLOAD_HEAD_BYTES = 4_096;

    private static final String INSERT = "INSERT INTO rejects"
            + " (fleet_id, vehicle_id, topic, reason, detail, received_time, payload_excerpt, payload_size,"
            + " payload_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Inserts the rejects in one JDBC batch. On PostgreSQL a U+0000 character in a text column is stored as U+FFFD,
     * and the raw payload bytes keep it.
     */
    public void insert(Connection connection, List<StoredReject> rejects) throws SQLException {
        if (rejects.isEmpty()) {
            return;
        }
        // The texts come from the rejected input, so they may hold U+0000, which PostgreSQL cannot store.
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (StoredReject stored : rejects) {
                Reject reject = stored.reject();
                // Ids taken from an invalid topic can be longer than a valid id.
                statement.setString(1, dialect.storableText(cut(reject.fleetId(), MAX_ID_CHARS)));
                if (reject.vehicleId() == null) {
                    statement.setNull(2, Types.VARCHAR);
                } else {
                    statement.setString(2, dialect.storableText(cut(reject.vehicleId(), MAX_ID_CHARS)));
                }
                statement.setString(3, dialect.storableText(reject.topic()));
                statement.setString(4, reject.reason().code());
                statement.setString(5, dialect.storableText(cut(reject.detail(), MAX_DETAIL_CHARS)));
                statement.setObject(6, PositionStore.utc(reject.receivedTime()));
                statement.setString(7, dialect.storableText(cut(reject.payloadExcerpt(), Reject.MAX_EXCERPT_CHARS)));
                statement.setInt(8, stored.payload().length);
                statement.setBytes(
                        9, Arrays.copyOf(stored.payload(), Math.min(stored.payload().length, MAX_PAYLOAD_HEAD_BYTES)));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
