package org.fleettracker.simulator.internal.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void text_file_passes() throws IOException {
        Path file = ReplayFixtures.write(dir, "track.csv", "time;lat;lon", "2024-05-01T08:00:00Z;46,05;14,5");

        assertThatCode(() -> ReplayFileCheck.check(file, "CSV")).doesNotThrowAnyException();
    }

    @Test
    void utf8_text_with_byte_order_mark_passes() throws IOException {
        Path file = dir.resolve("track.csv");
        Files.writeString(file, "\uFEFFlat,lon,Straße\n46.05,14.5,Čopova\n", StandardCharsets.UTF_8);

        assertThatCode(() -> ReplayFileCheck.check(file, "CSV")).doesNotThrowAnyException();
    }

    @Test
    void utf16_csv_is_rejected_with_its_encoding_named() throws IOException {
        Path file = dir.resolve("track.csv");
        Files.writeString(file, "\uFEFFtime,lat,lon\n2026-12-04T10:00:00Z,46.05,14.50\n", StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "CSV"))
                .hasMessageContaining("it is UTF-16 text, but CSV files are read as UTF-8; save it as UTF-8");
    }

    @Test
    void utf16_gpx_with_byte_order_mark_passes() throws IOException {
        Path file = dir.resolve("track.gpx");
        Files.writeString(file, "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><gpx/>", StandardCharsets.UTF_16LE);

        assertThatCode(() -> ReplayFileCheck.check(file, "GPX")).doesNotThrowAnyException();
    }

    @Test
    void oversized_file_names_size_and_limit() throws IOException {
        Path file = ReplayFixtures.write(dir, "big.csv", "lat,lon", "46.05,14.50");
        long size = Files.size(file);

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "CSV", size - 1))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageStartingWith("CSV file " + file + " is invalid")
                .hasMessageContaining("it has " + size + " bytes")
                .hasMessageContaining("more than the limit of " + (size - 1) + " bytes");
    }

    @Test
    void file_at_the_limit_passes() throws IOException {
        Path file = ReplayFixtures.write(dir, "exact.csv", "lat,lon", "46.05,14.50");

        assertThatCode(() -> ReplayFileCheck.check(file, "CSV", Files.size(file)))
                .doesNotThrowAnyException();
    }

    @Test
    void limit_follows_the_maximum_heap() {
        assertThat(ReplayFileCheck.maxFileBytes())
                .isEqualTo(Runtime.getRuntime().maxMemory() / ReplayFileCheck.HEAP_BYTES_PER_FILE_BYTE);
    }

    @ParameterizedTest
    @CsvSource({
        "504b0304140008000800, a ZIP archive (or an Office or KMZ file)",
        "1f8b0800000000000003, a gzip archive",
        "ffd8ffe000104a464946, a JPEG image",
        "89504e470d0a1a0a0000, a PNG image",
        "255044462d312e340a25, a PDF document",
        "7f454c46020101000000, an ELF executable"
    })
    void known_binary_signature_is_named(String hex, String kind) throws IOException {
        Path file = Files.write(dir.resolve("renamed.gpx"), HexFormat.of().parseHex(hex));

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "GPX"))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessage("GPX file " + file + " is invalid: it is not a text file, because it starts like " + kind
                        + "; give a GPX file");
    }

    @Test
    void nul_byte_is_reported_with_its_offset() throws IOException {
        Path file = Files.write(dir.resolve("data.rec"), "2024-05-01\t*\t{\u0000}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "OwnTracks"))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("it contains a NUL byte at offset 14");
    }

    @Test
    void mostly_control_bytes_are_rejected() throws IOException {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 3 == 0 ? 0x07 : 'a');
        }
        Path file = Files.write(dir.resolve("noise.nmea"), bytes);

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "NMEA"))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("34 of its first 100 bytes are control characters");
    }

    @Test
    void missing_file_is_named() {
        Path file = dir.resolve("absent.csv");

        assertThatThrownBy(() -> ReplayFileCheck.check(file, "CSV"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("CSV file " + file + " does not exist");
    }

    @Test
    void folder_is_rejected() {
        assertThatThrownBy(() -> ReplayFileCheck.check(dir, "CSV"))
                .isInstanceOf(ReplayFormatException.class)
                .hasMessage("CSV file " + dir + " is invalid: it is a folder; name a file");
    }
}
