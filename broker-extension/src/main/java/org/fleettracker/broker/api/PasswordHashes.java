package org.fleettracker.broker.api;

import org.fleettracker.broker.internal.ConsoleOutput;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.users.PasswordHash;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Creates and checks the PBKDF2-HMAC-SHA256 password hashes of the users file, in the form
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}.
 *
 * <p>{@link #main(String[])} reads one password from the terminal (without echo) or from the first line of standard
 * input, and prints its hash: {@code echo -n secret | java -cp ... org.fleettracker.broker.api.PasswordHashes}.
 */
public final class PasswordHashes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {}

    /**
     * Hashes {@code password} with a new random salt and the default number of iterations.
     *
     * @throws IllegalArgumentException when the password is empty
     */
    public static String hash(char[] password) {
        return PasswordHash.create(password, SecurityConfig.HASH_ITERATIONS, RANDOM)
                .encode();
    }

    /**
     * Returns whether {@code password} matches {@code encodedHash}; compares in constant time.
     *
     * @throws IllegalArgumentException when {@code encodedHash} is not a valid hash
     */
    public static boolean matches(char[] password, String encodedHash) {
        return PasswordHash.parse(encodedHash).matches(password);
    }

    /** Prints the hash of the password on standard input; exits with 2 when no password is given. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            ConsoleOutput.error("Usage: PasswordHashes < password-file (reads the password from standard input; "
                    + "a password on the command line would end up in the shell history)");
            System.exit(2);
        }
        char[] password = readPassword();
        try {
            if (password.length == 0) {
                ConsoleOutput.error("No password given: type it, or pass it as the first line of standard input");
                System.exit(2);
            }
            ConsoleOutput.line(hash(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? new char[0] : typed;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
