package org.fleettracker.broker.internal.users;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {

    /** Python: {@code hashlib.pbkdf2_hmac("sha256", b"correct horse", bytes(range(16)), 10000)}. */
    private static final String PYTHON_HASH =
            "pbkdf2-sha256$10000$AAECAwQFBgcICQoLDA0ODw==$5RUHDgNTp9sBOWGYS4e6u57cz/Sq3/TQgaDP/8MW6L8=";

    private final SecureRandom random = new SecureRandom();

    @Test
    void hash_from_other_implementation_matches() {
        PasswordHash hash = PasswordHash.parse(PYTHON_HASH);

        assertThat(hash.matches("correct horse".toCharArray())).isTrue();
    }

    @Test
    void hash_from_other_implementation_rejects_wrong_password() {
        PasswordHash hash = PasswordHash.parse(PYTHON_HASH);

        assertThat(hash.matches("correct horsE".toCharArray())).isFalse();
    }

    @Test
    void created_hash_matches_its_password() {
        PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 10_000, random);

        assertThat(hash.matches("s3cret".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret ".toCharArray())).isFalse();
    }

    @Test
    void same_password_gets_different_salts() {
        String first =
                PasswordHash.create("s3cret".toCharArray(), 10_000, random).encode();
        String second =
                PasswordHash.create("s3cret".toCharArray(), 10_000, random).encode();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void encoded_hash_parses_back() {
        PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 12_345, random);

        PasswordHash parsed = PasswordHash.parse(hash.encode());

        assertThat(parsed.encode()).isEqualTo(hash.encode());
        assertThat(parsed.iterations()).isEqualTo(12_345);
        assertThat(parsed.matches("s3cret".toCharArray())).isTrue();
    }

    @Test
    void empty_password_never_matches() {
        PasswordHash hash = PasswordHash.parse(PYTHON_HASH);

        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void empty_password_cannot_be_hashed() {
        assertThatThrownBy(() -> PasswordHash.create(new char[0], 10_000, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void to_string_hides_salt_and_hash() {
        PasswordHash hash = PasswordHash.parse(PYTHON_HASH);

        assertThat(hash.toString()).isEqualTo("pbkdf2-sha256(10000 iterations)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain-password",
                "pbkdf2-sha1$10000$AAECAwQFBgcICQoLDA0ODw==$5RUHDgNTp9sBOWGYS4e6u57cz/Sq3/TQgaDP/8MW6L8=",
                "pbkdf2-sha256$10000$AAECAwQFBgcICQoLDA0ODw==",
                "pbkdf2-sha256$10000$AAECAwQFBgcICQoLDA0ODw==$5RUHDgNTp9sBOWGYS4e6u57cz/Sq3/TQgaDP/8MW6L8=$x",
            })
    void text_not_of_the_form_is_rejected(String encoded) {
        assertThatThrownBy(() -> PasswordHash.parse(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>")
                .hasMessageNotContaining(encoded);
    }

    @Test
    void iterations_that_are_not_a_number_are_rejected() {
        assertThatThrownBy(() -> PasswordHash.parse(PYTHON_HASH.replace("$10000$", "$ten$")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
    }

    @Test
    void too_few_iterations_are_rejected() {
        assertThatThrownBy(() -> PasswordHash.parse(PYTHON_HASH.replace("$10000$", "$1000$")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000 iterations");
    }

    @Test
    void invalid_base64_is_rejected() {
        assertThatThrownBy(() -> PasswordHash.parse(PYTHON_HASH.replace("$AAEC", "$!!EC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salt of the password hash is not valid Base64");
    }

    @Test
    void short_salt_is_rejected() {
        assertThatThrownBy(() -> PasswordHash.parse(PYTHON_HASH.replace("AAECAwQFBgcICQoLDA0ODw==", "AAECAw==")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salt of the password hash has 4 bytes");
    }
}
