package org.fleettracker.simulator.internal.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks a replay file before a reader opens it: that it is a regular file no larger than {@link #maxFileBytes}, and
 * that its start looks like text, so a binary file fails with a short message instead of a line of its bytes.
 */
public final class ReplayFileCheck {

    /**
     * Heap bytes allowed per byte of replay file. The readers keep every point in memory, and the replay builds each
     * fix only when it is sent: a 61 MiB CSV of short rows (2.2 million points) replayed within {@code -Xmx512m} at a
     * peak resident size of 431 MiB, and 224 MiB of live heap.
     */
    // TODO: stream the points while replaying, so the limit can go; time sorting and GGA dating need lookahead.
    static final int HEAP_BYTES_PER_FILE_BYTE = 8;

    /** Bytes read from the start of the file to tell text from binary. */
    static final int SNIFF_BYTES = 8 * 1024;

    /** Signatures of common binary files, so the error can name what the file seems to be. */
    private enum Signature {
        ZIP("a ZIP archive (or an Office or KMZ file)", 'P', 'K', 3, 4),
        GZIP("a gzip archive", 0x1F, 0x8B),
        JPEG("a JPEG image", 0xFF, 0xD8, 0xFF),
        PNG("a PNG image", 0x89, 'P', 'N', 'G'),
        PDF("a PDF document", '%', 'P', 'D', 'F', '-'),
        ELF("an ELF executable", 0x7F, 'E', 'L', 'F');

        private final String description;
        private final byte[] prefix;

        Signature(String description, int... prefix) {
            this.description = description;
            this.prefix = new byte[prefix.length];
            for (int i = 0; i < prefix.length; i++) {
                this.prefix[i] = (byte) prefix[i];
            }
        }

        boolean matches(byte[] head, int length) {
            return length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
        }
    }

    private ReplayFileCheck() {}

    /**
     * Checks {@code file} as a replay file of {@code format}, such as {@code CSV}.
     *
     * @throws ReplayFormatException when the file is a folder, is larger than {@link #maxFileBytes} or looks binary
     * @throws UncheckedIOException when the file does not exist or cannot be read
     */
    public static void check(Path file, String format) {
        check(file, format, maxFileBytes());
    }

    /**
     * Returns the largest replay file this JVM reads, in bytes: its maximum heap divided by
     * {@link #HEAP_BYTES_PER_FILE_BYTE}, about 31 MiB with the launcher's {@code -Xmx512m}.
     */
    public static long maxFileBytes() {
        return Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_FILE_BYTE;
    }

    /** Checks {@code file} like {@link #check(Path, String)}, with a limit of {@code maxBytes}. */
    static void check(Path file, String format, long maxBytes) {
        try {
            if (Files.isDirectory(file)) {
                throw new ReplayFormatException(file, format, "it is a folder; name a file");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ReplayFormatException(
                        file,
                        format,
                        String.format(
                                Locale.ROOT,
                                "it has %,d bytes, more than the limit of %,d bytes (the maximum heap divided by %d);"
                                        + " replay a part of the file, or raise the heap with -Xmx in"
                                        + " FLEET_SIMULATOR_JAVA_OPTS",
                                size,
                                maxBytes,
                                HEAP_BYTES_PER_FILE_BYTE));
            }
            byte[] head = new byte[SNIFF_BYTES];
            int length;
            try (InputStream input = Files.newInputStream(file)) {
                length = input.readNBytes(head, 0, head.length);
            }
            requireText(file, format, head, length);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(format + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + format + " file " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects a known binary signature, a NUL byte, or a start of which more than a tenth is control bytes. A UTF-16
     * byte order mark passes for GPX, because XML may be UTF-16, whose ASCII characters contain NUL bytes. The other
     * formats are read as UTF-8, so a UTF-16 file of theirs gets its own message.
     */
    private static void requireText(Path file, String format, byte[] head, int length) {
        if (length >= 2
                && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            if (format.equals("GPX")) {
                return;
            }
            throw new ReplayFormatException(
                    file, format, "it is UTF-16 text, but " + format + " files are read as UTF-8; save it as UTF-8");
        }
        for (Signature signature : Signature.values()) {
            if (signature.matches(head, length)) {
                throw notText(file, format, "it starts like " + signature.description);
            }
        }
        int controlBytes = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                throw notText(file, format, "it contains a NUL byte at offset " + i);
            }
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                controlBytes++;
            }
        }
        if (controlBytes * 10 > length) {
            throw notText(file, format, controlBytes + " of its first " + length + " bytes are control characters");
        }
    }

    private static ReplayFormatException notText(Path file, String format, String reason) {
        return new ReplayFormatException(
                file, format, "it is not a text file, because " + reason + "; give a " + format + " file");
    }
}
