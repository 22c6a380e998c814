package org.fleettracker.tracker.internal.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:tcp://127.0.0.1:9092/tracker, H2",
        "JDBC:H2:file:/tmp/x, H2",
        "jdbc:postgresql://127.0.0.1:5432/fleet, POSTGRESQL",
        " jdbc:postgresql://db.example/fleet?ssl=true, POSTGRESQL"
    })
    void dialect_follows_url_prefix(String url, Dialect expected) {
        assertThat(Dialect.fromUrl(url)).isEqualTo(expected);
    }

    @Test
    void unsupported_url_is_rejected_without_its_password() {
        assertThatThrownBy(() -> Dialect.fromUrl("jdbc:mysql://127.0.0.1/fleet?user=a&password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported database URL jdbc:mysql://127.0.0.1/fleet?user=a&password=***")
                .hasMessageNotContaining("secret");
    }

    @Test
    void postgresql_password_property_is_masked() {
        String masked = Dialect.POSTGRESQL.maskPassword("jdbc:postgresql://h/fleet?password=s3;cret&ssl=true");

        assertThat(masked).isEqualTo("jdbc:postgresql://h/fleet?password=***&ssl=true");
    }

    @Test
    void h2_password_setting_is_masked() {
        String masked = Dialect.H2.maskPassword("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=a&b;MODE=Regular");

        assertThat(masked).isEqualTo("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=***;MODE=Regular");
    }

    @Test
    void upsert_of_postgresql_updates_the_other_columns() {
        String sql = Dialect.POSTGRESQL.upsert("t", "a, b, c", "a");

        assertThat(sql)
                .isEqualTo("INSERT INTO t (a, b, c) VALUES (?, ?, ?) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b,"
                        + " c = EXCLUDED.c");
    }

    @Test
    void upsert_of_h2_is_merge_by_key() {
        assertThat(Dialect.H2.upsert("t", "a, b", "a")).isEqualTo("MERGE INTO t (a, b) KEY (a) VALUES (?, ?)");
    }

    @Test
    void insert_if_absent_of_h2_binds_the_key_again() {
        String sql = Dialect.H2.insertIfAbsent("t", "a, b, c", "a, b");

        assertThat(sql)
                .isEqualTo("INSERT INTO t (a, b, c) SELECT ?, ?, ? FROM DUAL"
                        + " WHERE NOT EXISTS (SELECT 1 FROM t WHERE a = ? AND b = ?)");
        assertThat(Dialect.H2.bindsKeyTwice()).isTrue();
    }

    @Test
    void insert_if_absent_of_postgresql_does_nothing_on_conflict() {
        String sql = Dialect.POSTGRESQL.insertIfAbsent("t", "a, b", "a");

        assertThat(sql).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO NOTHING");
        assertThat(Dialect.POSTGRESQL.bindsKeyTwice()).isFalse();
    }

    @Test
    void postgresql_text_loses_only_the_null_character() {
        assertThat(Dialect.POSTGRESQL.storableText("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(Dialect.H2.storableText("a\u0000b")).isEqualTo("a\u0000b");
    }
}
