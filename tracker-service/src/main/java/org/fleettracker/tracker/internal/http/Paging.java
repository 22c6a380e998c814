package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fleettracker.tracker.internal.storage.EventQuery.PageKey;
import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Time range and keyset paging of the list endpoints: the query parameters {@code from} (inclusive), {@code to}
 * (exclusive), {@code limit} and {@code after}, and the response {@code {"items": [...], "nextCursor": ...}}.
 *
 * <p>A cursor is the base64url text of the endpoint's kind, the last row's time and id, and a CRC-32 of those, so a
 * cursor that was changed or that belongs to another endpoint is rejected with 400. The checksum detects edits, not
 * forgery; a cursor grants nothing that the query parameters do not.
 */
final class Paging {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private static final char SEPARATOR = '\n';

    private Paging() {}

    /**
     * A parsed page request; {@code from} and {@code to} may be open, and {@code after} is null on the first page.
     *
     * @param limit rows per page, from 1 to the maximum limit
     */
    record Page(@Nullable Instant from, @Nullable Instant to, int limit, @Nullable PageKey after) {

        /** Returns the rows to read: one more than {@code limit}, because that extra row shows a next page exists. */
        int rowsToRead() {
            return limit == Integer.MAX_VALUE ? limit : limit + 1;
        }
    }

    /**
     * Body of a list endpoint.
     *
     * @param nextCursor the {@code after} value for the next page, or null on the last page; always in the JSON
     */
    record Items<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {}

    /**
     * Parses {@code from}, {@code to}, {@code limit} and {@code after}.
     *
     * @param kind the endpoint's cursor kind, such as {@code events}; a cursor of another kind is rejected
     * @throws BadRequestException naming the parameter at fault
     */
    static Page parse(Map<String, String> query, int defaultLimit, int maxLimit, String kind)
            throws BadRequestException {
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
        String rawLimit = query.get("limit");
        int limit = rawLimit == null ? defaultLimit : limit(rawLimit, maxLimit);
        String rawAfter = query.get("after");
        PageKey after = rawAfter == null ? null : decodeCursor(kind, rawAfter);
        return new Page(from, to, limit, after);
    }

    /**
     * Returns the ISO-8601 time with offset of parameter {@code name}, or null when it is absent.
     *
     * @throws BadRequestException when the value is no such time
     */
    static @Nullable Instant instant(Map<String, String> query, String name) throws BadRequestException {
        String raw = query.get(name);
        return raw == null ? null : parseInstant(name, raw);
    }

    /**
     * Returns the ISO-8601 time with offset in {@code raw}, the value of parameter or field {@code name}.
     *
     * @throws BadRequestException naming {@code name} when the value is no such time
     */
    static Instant parseInstant(String name, String raw) throws BadRequestException {
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name,
                    name + " '" + Exchanges.excerpt(raw)
                            + "' is not an ISO-8601 time with offset, such as 2026-01-31T08:00:00Z");
        }
    }

    private static int limit(String raw, int max) throws BadRequestException {
        String text = raw.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadRequestException("limit", "limit '" + Exchanges.excerpt(raw) + "' is not a whole number");
        }
        // A whole number of any length parses, so one beyond the int range is reported as out of range too.
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new BadRequestException(
                    "limit", "limit " + Exchanges.excerpt(text) + " is out of range [1, " + max + "]");
        }
        return value.intValue();
    }

    /**
     * Builds the response from up to {@code limit + 1} rows: the first {@code limit} become the items, and an extra
     * row means that more exist, so the cursor of the last item is sent.
     */
    static <R, T> Items<T> items(
            List<R> rows, int limit, String kind, Function<R, T> toItem, Function<R, PageKey> toKey) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encodeCursor(kind, toKey.apply(page.get(page.size() - 1))) : null;
        return new Items<>(page.stream().map(toItem).toList(), next);
    }

    /** Returns the opaque cursor of a row key for endpoints of {@code kind}. */
    static String encodeCursor(String kind, PageKey key) {
        String payload = kind + SEPARATOR + key.time() + SEPARATOR + key.id();
        String text = payload + SEPARATOR + checksum(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the row key of a cursor from {@link #encodeCursor} with the same kind.
     *
     * @throws BadRequestException for parameter {@code after} when the cursor is not one the endpoint returned
     */
    static PageKey decodeCursor(String kind, String cursor) throws BadRequestException {
        BadRequestException invalid = new BadRequestException(
                "after",
                "after '" + Exchanges.excerpt(cursor)
                        + "' is not a cursor of this endpoint; pass the nextCursor of the previous page unchanged");
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4 || !parts[0].equals(kind) || parts[2].isEmpty()) {
            throw invalid;
        }
        String payload = parts[0] + SEPARATOR + parts[1] + SEPARATOR + parts[2];
        if (!checksum(payload).equals(parts[3])) {
            throw invalid;
        }
        try {
            // Parsed like from and to, because Instant.parse also accepts years beyond +-999999999, and the
            // database query then fails with 500.
            return new PageKey(OffsetDateTime.parse(parts[1]).toInstant(), parts[2]);
        } catch (DateTimeParseException e) {
            throw invalid;
        }
    }

    private static String checksum(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
