package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoginTest {

    @Test
    void to_string_leaves_the_secret_out() {
        Login login = new Login("alice", "token-abc.def", Credential.ACCESS_TOKEN);

        assertThat(login.toString()).doesNotContain("token-abc.def").contains("alice", "ACCESS_TOKEN");
    }

    @Test
    void user_name_is_stripped() {
        Login login = new Login("  alice ", "pw", Credential.PASSWORD);

        assertThat(login.username()).isEqualTo("alice");
    }

    @Test
    void blank_user_name_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Login(" ", "pw", Credential.PASSWORD))
                .withMessage("user name must not be blank");
    }

    @Test
    void empty_token_is_rejected_by_its_name() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Login("alice", "", Credential.ACCESS_TOKEN))
                .withMessage("access token must not be empty");
    }

    @Test
    void login_applies_user_and_secret() {
        ConsoleSettings settings = ConsoleSettings.of("tcp://127.0.0.1:1883", "demo", "dispatcher", "");

        ConsoleSettings applied = new Login("alice", "pw", Credential.PASSWORD).applyTo(settings);

        assertThat(applied.username()).isEqualTo("alice");
        assertThat(applied.password()).isEqualTo("pw");
    }
}
