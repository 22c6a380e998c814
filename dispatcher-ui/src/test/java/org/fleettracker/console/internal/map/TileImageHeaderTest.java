package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.ConsoleConfig;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TileImageHeaderTest {

    @Test
    void png_size_is_read_from_header() {
        assertThat(TileImageHeader.size(png(256, 512))).isEqualTo(new TileImageHeader.Size(256, 512));
    }

    @Test
    void huge_png_is_rejected() {
        assertThat(TileImageHeader.rejection(png(12000, 12000)))
                .isEqualTo("the tile image is 12000 x 12000 px, larger than the limit of 1024 px a side");
    }

    @Test
    void normal_png_passes() {
        assertThat(TileImageHeader.rejection(png(256, 256))).isNull();
    }

    @Test
    void jpeg_size_is_read_from_start_of_frame() {
        byte[] jpeg = {
            (byte) 0xff,
            (byte) 0xd8, // start of image
            (byte) 0xff,
            (byte) 0xe0,
            0,
            4,
            0,
            0, // APP0 of length 4
            (byte) 0xff,
            (byte) 0xc0,
            0,
            17,
            8,
            0x2e,
            (byte) 0xe0,
            0x01,
            0x00 // SOF0: height 12000, width 256
        };

        assertThat(TileImageHeader.size(jpeg)).isEqualTo(new TileImageHeader.Size(256, 12000));
        assertThat(TileImageHeader.rejection(jpeg)).contains("256 x 12000 px");
    }

    @Test
    void gif_size_is_read_from_header() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 0x00, 0x08, 0x00, 0x01};

        assertThat(TileImageHeader.size(gif)).isEqualTo(new TileImageHeader.Size(2048, 256));
    }

    @Test
    void other_bytes_pass_to_the_decoder() {
        byte[] text = "tile 1/2/3".getBytes(StandardCharsets.UTF_8);

        assertThat(TileImageHeader.size(text)).isNull();
        assertThat(TileImageHeader.rejection(text)).isNull();
    }

    @Test
    void body_over_byte_limit_is_rejected() {
        assertThat(TileImageHeader.rejection(new byte[ConsoleConfig.TILE_MAX_BYTES + 1]))
                .contains("more than the limit of " + ConsoleConfig.TILE_MAX_BYTES);
    }

    /** Returns a PNG signature and IHDR chunk that declare {@code width} x {@code height}, without pixel data. */
    static byte[] png(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(33).order(ByteOrder.BIG_ENDIAN);
        buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        buffer.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII));
        buffer.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 6)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        buffer.putInt(0);
        return buffer.array();
    }
}
