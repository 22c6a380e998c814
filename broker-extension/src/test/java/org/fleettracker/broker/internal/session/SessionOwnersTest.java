package org.fleettracker.broker.internal.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOwnersTest {

    private static final String ACCOUNT = "dispatcher fleets=[demo] vehicles=[] topics=[]";
    private static final long ONE_HOUR_S = 3600;

    @TempDir
    Path folder;

    private final SteppedClock clock = new SteppedClock();

    @Test
    void owner_survives_reload() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.disconnected("console-1", "token-1", ONE_HOUR_S);

        SessionOwners reloaded = SessionOwners.load(file(), clock);

        assertThat(reloaded.owner("console-1")).isPresent();
        assertThat(reloaded.owner("console-1").get().username()).isEqualTo("dispatcher");
        assertThat(reloaded.owner("console-1").get().account()).isEqualTo(ACCOUNT);
        assertThat(reloaded.owner("console-1").get().expiresAt())
                .contains(clock.instant().plusSeconds(ONE_HOUR_S));
    }

    @Test
    void connected_owner_counts_as_disconnected_at_reload() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        clock.advance(Duration.ofMinutes(10));

        SessionOwners reloaded = SessionOwners.load(file(), clock);

        assertThat(reloaded.owner("console-1").get().disconnectedAt()).isEqualTo(clock.instant());
    }

    @Test
    void first_start_adopts_unowned_sessions_and_later_starts_do_not() {
        SessionOwners first = SessionOwners.load(file(), clock);
        first.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);

        SessionOwners second = SessionOwners.load(file(), clock);

        assertThat(first.adoptsUnownedSessions()).isTrue();
        assertThat(second.adoptsUnownedSessions()).isFalse();
    }

    @Test
    void expired_owner_is_gone_in_memory() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.disconnected("console-1", "token-1", ONE_HOUR_S);

        clock.advance(Duration.ofSeconds(ONE_HOUR_S + 1));

        assertThat(owners.owner("console-1")).isEmpty();
    }

    @Test
    void expired_owner_is_dropped_at_reload() throws IOException {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.disconnected("console-1", "token-1", ONE_HOUR_S);
        owners.connected("tracker-1", "token-2", "tracker", "tracker fleets=[] vehicles=[] topics=[]", 86_400);
        owners.disconnected("tracker-1", "token-2", 86_400);
        clock.advance(Duration.ofHours(2));

        SessionOwners reloaded = SessionOwners.load(file(), clock);

        assertThat(reloaded.owner("console-1")).isEmpty();
        assertThat(reloaded.size()).isEqualTo(1);
        reloaded.connected("viewer-1", "token-3", "viewer", "viewer fleets=[demo] vehicles=[] topics=[state]", 60);
        assertThat(Files.readString(file())).doesNotContain("console-1").contains("tracker-1");
    }

    @Test
    void session_that_never_expires_keeps_its_owner() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("legacy-1", "token-1", "tracker", ACCOUNT, SessionOwner.NEVER_EXPIRES);
        owners.disconnected("legacy-1", "token-1", SessionOwner.NEVER_EXPIRES);
        clock.advance(Duration.ofDays(20_000));

        assertThat(SessionOwners.load(file(), clock).owner("legacy-1")).isPresent();
    }

    @Test
    void disconnect_with_expiry_zero_removes_owner() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);

        owners.disconnected("console-1", "token-1", 0);

        assertThat(owners.owner("console-1")).isEmpty();
        assertThat(SessionOwners.load(file(), clock).owner("console-1")).isEmpty();
    }

    @Test
    void disconnect_of_taken_over_connection_is_ignored() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.connected("console-1", "token-2", "viewer", ACCOUNT, ONE_HOUR_S);

        owners.disconnected("console-1", "token-1", 0);

        assertThat(owners.owner("console-1").get().username()).isEqualTo("viewer");
        assertThat(owners.owner("console-1").get().disconnectedAt()).isNull();
    }

    @Test
    void session_check_updates_expiry_or_removes_owner() {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.disconnected("console-1", "token-1", ONE_HOUR_S);
        owners.connected("console-2", "token-2", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.disconnected("console-2", "token-2", ONE_HOUR_S);

        owners.sessionChecked("console-1", Optional.of(60L));
        owners.sessionChecked("console-2", Optional.empty());

        assertThat(owners.owner("console-1").get().sessionExpiryS()).isEqualTo(60);
        assertThat(owners.owner("console-2")).isEmpty();
        assertThat(SessionOwners.load(file(), clock).owner("console-1").get().sessionExpiryS())
                .isEqualTo(60);
    }

    @Test
    void clean_session_connects_do_not_write_the_file() {
        SessionOwners owners = SessionOwners.load(file(), clock);

        owners.connected("bus-1", "token-1", "demo-vehicles", ACCOUNT, 0);
        owners.disconnected("bus-1", "token-1", 0);

        assertThat(file()).doesNotExist();
    }

    @Test
    void write_replaces_the_file_and_leaves_no_temporary_file() throws IOException {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        owners.connected("console-2", "token-2", "dispatcher", ACCOUNT, ONE_HOUR_S);

        try (var files = Files.list(file().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("session-owners.json");
        }
        assertThat(Files.readString(file())).contains("console-1").contains("console-2");
    }

    @Test
    void leftover_temporary_file_of_an_interrupted_write_is_ignored() throws IOException {
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected("console-1", "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);
        Files.writeString(
                file().resolveSibling("session-owners.json.tmp"), "{\"version\":1,\"own", StandardCharsets.UTF_8);

        SessionOwners reloaded = SessionOwners.load(file(), clock);
        reloaded.connected("console-2", "token-2", "dispatcher", ACCOUNT, ONE_HOUR_S);

        assertThat(reloaded.owner("console-1")).isPresent();
        assertThat(SessionOwners.load(file(), clock).owner("console-2")).isPresent();
    }

    @Test
    void invalid_file_is_moved_aside_and_no_session_is_adopted() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"owners\":[{\"clientId\":\"x\"}]}", StandardCharsets.UTF_8);

        SessionOwners owners = SessionOwners.load(file(), clock);

        assertThat(owners.size()).isZero();
        assertThat(owners.adoptsUnownedSessions()).isFalse();
        assertThat(file().resolveSibling("session-owners.json.invalid")).exists();
        assertThat(file()).doesNotExist();
    }

    @Test
    void client_id_with_json_characters_round_trips() {
        String clientId = "console \"quoted\"\n\\ ü";
        SessionOwners owners = SessionOwners.load(file(), clock);
        owners.connected(clientId, "token-1", "dispatcher", ACCOUNT, ONE_HOUR_S);

        assertThat(SessionOwners.load(file(), clock).owner(clientId)).isPresent();
    }

    private Path file() {
        return folder.resolve("data").resolve("fleet-security").resolve("session-owners.json");
    }

    /** A clock that stands still until a test moves it. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
