package org.fleettracker.broker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class TokenSecretFileTest {

    @TempDir
    Path folder;

    @Test
    void created_secret_is_readable_by_owner_only() throws IOException {
        Path file = folder.resolve("data/token-secret");
        assumeThat(folder.getFileSystem().supportedFileAttributeViews()).contains("posix");

        TokenSecretFile.readOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void created_secret_has_32_random_bytes() throws IOException {
        byte[] secret = TokenSecretFile.readOrCreate(folder.resolve("token-secret"));

        assertThat(secret).hasSize(32);
        assertThat(secret).isNotEqualTo(new byte[32]);
    }

    @Test
    void existing_secret_is_reused() throws IOException {
        Path file = folder.resolve("token-secret");
        byte[] first = TokenSecretFile.readOrCreate(file);

        byte[] second = TokenSecretFile.readOrCreate(file);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void secret_with_surrounding_whitespace_is_read() throws IOException {
        byte[] secret = TokenAuthenticationIT.randomSecret();
        Path file = folder.resolve("token-secret");
        Files.writeString(file, "  " + Base64.getEncoder().encodeToString(secret) + "\n\n");

        assertThat(TokenSecretFile.read(file)).isEqualTo(secret);
    }

    @Test
    void short_secret_is_rejected() throws IOException {
        Path file = folder.resolve("token-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> TokenSecretFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void non_base64_secret_is_rejected() throws IOException {
        Path file = folder.resolve("token-secret");
        Files.writeString(file, "not base64 at all!");

        assertThatThrownBy(() -> TokenSecretFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void missing_secret_file_is_an_error_when_only_read() {
        assertThatThrownBy(() -> TokenSecretFile.read(folder.resolve("absent"))).isInstanceOf(IOException.class);
    }
}
