package org.fleettracker.simulator.internal.buffer;

import org.jspecify.annotations.Nullable;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The layout of a buffer segment file, big-endian throughout.
 *
 * <p>A segment starts with the 8 bytes {@code FLTBUF01}. Records follow, each an {@code int} body length, the CRC-32C
 * of the body as an {@code int}, and the body: a type byte ({@code 1} append, {@code 2} remove), the vehicle key as
 * an unsigned {@code short} length and UTF-8 bytes, the {@code long} record id and, for an append, the {@code long}
 * seq and the payload up to the end of the body. A record whose length runs past the end of the file, or whose CRC
 * does not match, is a torn tail: a reader stops there and reports how many bytes it skipped.
 */
public final class SegmentFormat {

    static final byte[] MAGIC = "FLTBUF01".getBytes(StandardCharsets.US_ASCII);

    /** Largest record body; a larger length field can only come from a torn or damaged record. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** Largest payload of an append record, leaving room in the body for the longest key and the fixed fields. */
    static final int MAX_PAYLOAD_BYTES = MAX_BODY_BYTES - 64 * 1024 - 32;

    static final byte TYPE_APPEND = 1;
    static final byte TYPE_REMOVE = 2;

    private static final int RECORD_HEADER_BYTES = 8;
    private static final String SUFFIX = ".fixlog";
    private static final Pattern FILE_NAME = Pattern.compile("segment-(\\d{12})\\.fixlog");

    private SegmentFormat() {}

    /** A decoded record; {@code seq} and {@code payload} are 0 and empty for a remove. */
    public record Entry(boolean append, String key, long recordId, long seq, byte[] payload) {}

    /**
     * The outcome of reading one segment.
     *
     * @param records records read before the end or the torn tail
     * @param tornBytes bytes skipped at the end because a record was incomplete or failed its CRC, 0 for a clean file
     * @param tornOffset file offset where the skipped bytes start, or -1 for a clean file
     */
    public record Scan(long records, long tornBytes, long tornOffset) {}

    /** Returns the file name of segment {@code number}. */
    public static String fileName(long number) {
        return String.format(Locale.ROOT, "segment-%012d%s", number, SUFFIX);
    }

    /** Returns the number of a segment file name, or -1 when the name is not one of a segment. */
    public static long segmentNumber(Path file) {
        Path name = file.getFileName();
        Matcher matcher = FILE_NAME.matcher(name == null ? "" : name.toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    public static byte[] header() {
        return MAGIC.clone();
    }

    /**
     * Encodes an append record.
     *
     * @throws IllegalArgumentException when the record body would exceed {@link #MAX_BODY_BYTES}
     */
    public static byte[] append(String key, long recordId, long seq, byte[] payload) {
        byte[] keyBytes = keyBytes(key);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a payload of " + payload.length + " bytes is too large for the buffer,"
                    + " which takes up to " + MAX_PAYLOAD_BYTES + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(1 + 2 + keyBytes.length + 8 + 8 + payload.length);
        body.put(TYPE_APPEND).putShort((short) keyBytes.length).put(keyBytes);
        body.putLong(recordId).putLong(seq).put(payload);
        return frame(body.array());
    }

    /** Encodes a remove record. */
    public static byte[] remove(String key, long recordId) {
        byte[] keyBytes = keyBytes(key);
        ByteBuffer body = ByteBuffer.allocate(1 + 2 + keyBytes.length + 8);
        body.put(TYPE_REMOVE).putShort((short) keyBytes.length).put(keyBytes).putLong(recordId);
        return frame(body.array());
    }

    /**
     * Reads every record of {@code file} in order and hands each to {@code sink}.
     *
     * @throws IllegalArgumentException when the file does not start with the segment header
     * @throws IOException when reading fails
     */
    public static Scan read(Path file, Consumer<Entry> sink) throws IOException {
        long size = Files.size(file);
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                DataInputStream in = new DataInputStream(stream)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                if (magic.length < MAGIC.length && Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
                    // A run killed while it wrote the header of a new segment leaves such a file.
                    return new Scan(0, size, 0);
                }
                throw new IllegalArgumentException("buffer file " + file + " is not a simulator buffer segment: it"
                        + " does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
                        + "; move it out of the buffer directory or choose another --buffer-dir");
            }
            long offset = MAGIC.length;
            long records = 0;
            while (offset < size) {
                Entry entry = readRecord(in);
                if (entry == null) {
                    return new Scan(records, size - offset, offset);
                }
                sink.accept(entry);
                records++;
                offset += RECORD_HEADER_BYTES + bodyLength(entry);
            }
            return new Scan(records, 0, -1);
        }
    }

    /** Reads one record, or returns null when it is incomplete or damaged. */
    private static @Nullable Entry readRecord(DataInputStream in) throws IOException {
        try {
            int length = in.readInt();
            int crc = in.readInt();
            if (length < 1 + 2 + 8 || length > MAX_BODY_BYTES) {
                return null;
            }
            byte[] body = new byte[length];
            in.readFully(body);
            if (crc(body) != crc) {
                return null;
            }
            return decode(body);
        } catch (EOFException e) {
            return null;
        }
    }

    private static @Nullable Entry decode(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        byte type = buffer.get();
        int keyLength = Short.toUnsignedInt(buffer.getShort());
        int fixedBytes = type == TYPE_APPEND ? 16 : 8;
        if ((type != TYPE_APPEND && type != TYPE_REMOVE) || buffer.remaining() < keyLength + fixedBytes) {
            return null;
        }
        byte[] keyBytes = new byte[keyLength];
        buffer.get(keyBytes);
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        long recordId = buffer.getLong();
        if (type == TYPE_REMOVE) {
            return buffer.hasRemaining() ? null : new Entry(false, key, recordId, 0, new byte[0]);
        }
        long seq = buffer.getLong();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new Entry(true, key, recordId, seq, payload);
    }

    /** Returns the body length of a decoded entry, which is its record's size less the record header. */
    private static int bodyLength(Entry entry) {
        int keyBytes = entry.key().getBytes(StandardCharsets.UTF_8).length;
        return 1 + 2 + keyBytes + 8 + (entry.append() ? 8 + entry.payload().length : 0);
    }

    private static byte[] frame(byte[] body) {
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + body.length);
        record.putInt(body.length).putInt(crc(body)).put(body);
        return record.array();
    }

    private static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    private static byte[] keyBytes(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("buffer key is longer than 65535 bytes: " + key.length() + " chars");
        }
        return bytes;
    }
}
