package org.fleettracker.broker.internal.session;

import com.hivemq.extension.sdk.api.services.session.SessionInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOwnerCheckTest {

    private static final String DISPATCHER_ACCOUNT = "dispatcher fleets=[demo] vehicles=[] topics=[]";
    private static final String VIEWER_ACCOUNT = "viewer fleets=[demo] vehicles=[] topics=[state]";

    @TempDir
    Path folder;

    @Test
    void owner_may_resume() {
        SessionOwnerCheck check = check(strictOwners(), existing());

        assertThat(check.check("console-1", "dispatcher", DISPATCHER_ACCOUNT, false)
                        .isAllowed())
                .isTrue();
    }

    @Test
    void other_user_is_rejected_and_owner_named() {
        SessionOwnerCheck check = check(strictOwners(), existing());

        SessionOwnerCheck.Verdict verdict = check.check("console-1", "viewer", VIEWER_ACCOUNT, false);

        assertThat(verdict.isAllowed()).isFalse();
        assertThat(verdict.owner()).isEqualTo("dispatcher");
        assertThat(verdict.rejection()).contains("belongs to another user");
    }

    @Test
    void other_user_with_clean_start_is_allowed() {
        SessionOwnerCheck check = check(strictOwners(), existing());

        assertThat(check.check("console-1", "viewer", VIEWER_ACCOUNT, true).isAllowed())
                .isTrue();
    }

    @Test
    void other_user_is_allowed_when_broker_has_no_session() {
        SessionOwnerCheck check =
                check(strictOwners(), clientId -> CompletableFuture.completedFuture(Optional.empty()));

        assertThat(check.check("console-1", "viewer", VIEWER_ACCOUNT, false).isAllowed())
                .isTrue();
    }

    @Test
    void changed_account_of_owner_is_rejected() {
        SessionOwnerCheck check = check(strictOwners(), existing());

        SessionOwnerCheck.Verdict verdict =
                check.check("console-1", "dispatcher", "dispatcher fleets=[north] vehicles=[] topics=[]", false);

        assertThat(verdict.isAllowed()).isFalse();
        assertThat(verdict.rejection()).contains("permissions of user 'dispatcher' changed");
    }

    @Test
    void failed_lookup_counts_as_existing_session() {
        SessionOwnerCheck check =
                check(strictOwners(), clientId -> CompletableFuture.failedFuture(new IllegalStateException("down")));

        assertThat(check.check("console-1", "viewer", VIEWER_ACCOUNT, false).isAllowed())
                .isFalse();
    }

    @Test
    void timed_out_lookup_counts_as_existing_session() {
        SessionOwnerCheck check = check(strictOwners(), clientId -> new CompletableFuture<>());

        assertThat(check.check("console-1", "viewer", VIEWER_ACCOUNT, false).isAllowed())
                .isFalse();
    }

    @Test
    void unowned_session_is_rejected_after_first_start() {
        SessionOwnerCheck check = check(strictOwners(), existing());

        SessionOwnerCheck.Verdict verdict = check.check("legacy-1", "viewer", VIEWER_ACCOUNT, false);

        assertThat(verdict.isAllowed()).isFalse();
        assertThat(verdict.owner()).isNull();
        assertThat(verdict.rejection()).contains("no recorded owner");
    }

    @Test
    void unowned_session_is_adopted_on_first_start() {
        SessionOwners owners = SessionOwners.load(folder.resolve("owners.json"), Clock.systemUTC());
        SessionOwnerCheck check = check(owners, existing());

        assertThat(check.check("legacy-1", "viewer", VIEWER_ACCOUNT, false).isAllowed())
                .isTrue();
    }

    /** Returns a store loaded from an existing file, in which dispatcher owns the session of console-1. */
    private SessionOwners strictOwners() {
        Path file = folder.resolve("owners.json");
        SessionOwners first = SessionOwners.load(file, Clock.systemUTC());
        first.connected("console-1", "token-1", "dispatcher", DISPATCHER_ACCOUNT, 3600);
        assertThat(Files.exists(file)).isTrue();
        return SessionOwners.load(file, Clock.systemUTC());
    }

    private static Function<String, CompletableFuture<Optional<SessionInformation>>> existing() {
        SessionInformation session = new SessionInformation() {
            @Override
            public String getClientIdentifier() {
                return "any";
            }

            @Override
            public long getSessionExpiryInterval() {
                return 3600;
            }

            @Override
            public boolean isConnected() {
                return false;
            }
        };
        return clientId -> CompletableFuture.completedFuture(Optional.of(session));
    }

    private static SessionOwnerCheck check(
            SessionOwners owners, Function<String, CompletableFuture<Optional<SessionInformation>>> lookup) {
        return new SessionOwnerCheck(owners, lookup, Duration.ofMillis(200));
    }
}
