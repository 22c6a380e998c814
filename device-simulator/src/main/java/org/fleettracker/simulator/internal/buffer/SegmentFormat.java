package org.fleettracker.simulator.internal.buffer;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
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
 * does not match, is skipped. The reader then searches forward for the next record that passes its CRC, so a damaged
 * record in the middle of a file loses only the records it overlaps. A killed writer leaves such bytes only at the
 * end.
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
     * @param records records read
     * @param skippedBytes bytes skipped because they held no record that passed its CRC, 0 for a clean file
     * @param firstSkippedOffset file offset of the first skipped byte, or -1 for a clean file
     * @param damagedRegions runs of skipped bytes, each ending at a valid record or at the end of the file
     * @param tailBytes skipped bytes at the end of the file with no valid record after them, part of skippedBytes
     */
    public record Scan(long records, long skippedBytes, long firstSkippedOffset, int damagedRegions, long tailBytes) {

        /** Returns whether bytes were skipped before a valid record, which a killed writer cannot cause. */
        public boolean damagedInside() {
            return skippedBytes > tailBytes;
        }
    }

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
     * Reads every record of {@code file} in order and hands each to {@code sink}. A record may be incomplete, have an
     * invalid length or fail its CRC. After such a record the reader moves forward one byte at a time to the next
     * offset where a whole record passes its CRC, and counts the bytes it passed over.
     *
     * @throws IllegalArgumentException when the file does not start with the segment header
     * @throws IOException when reading fails
     */
    public static Scan read(Path file, Consumer<Entry> sink) throws IOException {
        // NOTE: the whole segment is read into memory; a segment is about 8 MiB unless compaction at open made it
        // larger.
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        int size = data.limit();
        byte[] magic = new byte[Math.min(MAGIC.length, size)];
        data.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            if (magic.length < MAGIC.length && Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
                // A run killed while it wrote the header of a new segment leaves such a file.
                return new Scan(0, size, 0, 0, size);
            }
            throw new IllegalArgumentException("buffer file " + file + " is not a simulator buffer segment: it"
                    + " does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
                    + "; move it out of the buffer directory or choose another --buffer-dir");
        }
        int offset = MAGIC.length;
        long records = 0;
        long skippedBytes = 0;
        long firstSkippedOffset = -1;
        int damagedRegions = 0;
        int skipStart = -1;
        while (offset < size) {
            Entry entry = readRecord(data, offset);
            if (entry == null) {
                if (skipStart < 0) {
                    skipStart = offset;
                    damagedRegions++;
                    firstSkippedOffset = firstSkippedOffset < 0 ? offset : firstSkippedOffset;
                }
                offset++;
                continue;
            }
            if (skipStart >= 0) {
                skippedBytes += offset - skipStart;
                skipStart = -1;
            }
            sink.accept(entry);
            records++;
            offset += RECORD_HEADER_BYTES + bodyLength(entry);
        }
        long tailBytes = skipStart >= 0 ? size - skipStart : 0;
        return new Scan(records, skippedBytes + tailBytes, firstSkippedOffset, damagedRegions, tailBytes);
    }

    /** Decodes the record at {@code offset}, or returns null when it is incomplete or damaged. */
    private static @Nullable Entry readRecord(ByteBuffer data, int offset) {
        if (data.limit() - offset < RECORD_HEADER_BYTES) {
            return null;
        }
        int length = data.getInt(offset);
        int crc = data.getInt(offset + 4);
        if (length < 1 + 2 + 8 || length > MAX_BODY_BYTES || length > data.limit() - offset - RECORD_HEADER_BYTES) {
            return null;
        }
        int bodyOffset = offset + RECORD_HEADER_BYTES;
        byte type = data.get(bodyOffset);
        if (type != TYPE_APPEND && type != TYPE_REMOVE) {
            // Checked before the CRC, so that a search through random bytes rarely computes a CRC over megabytes.
            return null;
        }
        CRC32C bodyCrc = new CRC32C();
        bodyCrc.update(data.slice(bodyOffset, length));
        if ((int) bodyCrc.getValue() != crc) {
            return null;
        }
        byte[] body = new byte[length];
        data.get(bodyOffset, body);
        return decode(body);
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
