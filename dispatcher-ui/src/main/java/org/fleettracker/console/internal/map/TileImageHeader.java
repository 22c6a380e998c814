package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.ConsoleConfig;
import org.jspecify.annotations.Nullable;

/**
 * Checks a tile's bytes before they are decoded, because a decoder allocates width times height pixels whatever the
 * file size: a small PNG can declare 12000 x 12000 pixels and cost gigabytes.
 *
 * <p>It reads the image size from PNG, JPEG, GIF and BMP headers. Bytes in another format pass, and the decoder
 * decides whether they are an image.
 */
final class TileImageHeader {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private TileImageHeader() {}

    /** Returns why {@code bytes} must not be decoded as a tile, or null when they may be. */
    static @Nullable String rejection(byte[] bytes) {
        if (bytes.length > ConsoleConfig.TILE_MAX_BYTES) {
            return "the tile has " + bytes.length + " bytes, more than the limit of " + ConsoleConfig.TILE_MAX_BYTES;
        }
        Size size = size(bytes);
        if (size == null) {
            return null;
        }
        if (size.widthPx() > ConsoleConfig.TILE_MAX_SIDE_PX || size.heightPx() > ConsoleConfig.TILE_MAX_SIDE_PX) {
            return "the tile image is " + size.widthPx() + " x " + size.heightPx() + " px, larger than the limit of "
                    + ConsoleConfig.TILE_MAX_SIDE_PX + " px a side";
        }
        return null;
    }

    /** Returns the size that the header declares, or null for another format or a truncated header. */
    static @Nullable Size size(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            // The IHDR chunk comes first: length (4), type (4), then width and height as 4-byte big-endian values.
            return bytes.length < 24 ? null : new Size(bigEndian32(bytes, 16), bigEndian32(bytes, 20));
        }
        if (bytes.length >= 10 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F') {
            return new Size(littleEndian16(bytes, 6), littleEndian16(bytes, 8));
        }
        if (bytes.length >= 26 && bytes[0] == 'B' && bytes[1] == 'M') {
            // The height is negative for a top-down bitmap.
            return new Size(Math.abs((long) littleEndian32(bytes, 18)), Math.abs((long) littleEndian32(bytes, 22)));
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
            return jpegSize(bytes);
        }
        return null;
    }

    /** Walks the JPEG markers up to the first start-of-frame, which contains the height and then the width. */
    private static @Nullable Size jpegSize(byte[] bytes) {
        int offset = 2;
        while (offset + 4 <= bytes.length) {
            if ((bytes[offset] & 0xff) != 0xff) {
                return null;
            }
            int marker = bytes[offset + 1] & 0xff;
            if (marker == 0xff) {
                offset++;
                continue;
            }
            int length = bigEndian16(bytes, offset + 2);
            boolean startOfFrame =
                    marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                return offset + 9 <= bytes.length
                        ? new Size(bigEndian16(bytes, offset + 7), bigEndian16(bytes, offset + 5))
                        : null;
            }
            if (length < 2) {
                return null;
            }
            offset += 2 + length;
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long bigEndian32(byte[] bytes, int offset) {
        return ((long) (bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }

    private static int bigEndian16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    private static int littleEndian16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | ((bytes[offset + 1] & 0xff) << 8);
    }

    private static int littleEndian32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff)
                | ((bytes[offset + 1] & 0xff) << 8)
                | ((bytes[offset + 2] & 0xff) << 16)
                | ((bytes[offset + 3] & 0xff) << 24);
    }

    /** An image size in pixels, as declared by its header. */
    record Size(long widthPx, long heightPx) {}
}
