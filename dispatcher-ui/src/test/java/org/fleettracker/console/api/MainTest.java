package org.fleettracker.console.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void help_lists_every_option_and_exits_zero() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains(
                        "--broker-url",
                        "--fleet",
                        "--username",
                        "--password",
                        "--width",
                        "--height",
                        "--screenshot",
                        "--screenshot-after",
                        "tcp://127.0.0.1:1883");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--width=abc|'abc' is not an int",
                "--broker-url=http://127.0.0.1:1883|must look like tcp://host:port",
                "--fleet=bad fleet|fleet id 'bad fleet' is invalid",
                "--width=50|too small",
                "--screenshot-after=-1|--screenshot-after must be 0 to 3600 seconds",
                "--screenshot-after=3|--screenshot-after needs --screenshot FILE",
                "--no-such-option|Unknown option",
                "--trust-store=absent.p12|applies only to an ssl:// broker URI"
            })
    void bad_option_exits_two_with_reason(String option, String reason) {
        int exitCode = run(option);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(reason);
    }

    @Test
    void missing_trust_store_exits_two() {
        int exitCode = run("--broker-url=ssl://127.0.0.1:1", "--trust-store=absent.p12");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Trust store absent.p12 not found");
    }

    @Test
    void help_names_the_trust_store_password_variable() {
        run("--help");

        assertThat(out.toString()).contains("--trust-store", "--trust-store-password", Main.TRUST_STORE_PASSWORD_ENV);
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
