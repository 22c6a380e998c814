package org.fleettracker.broker.internal.users;

import org.fleettracker.broker.internal.SecurityConfig;
import org.jspecify.annotations.Nullable;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash in the text form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, where salt
 * and hash are standard Base64. Immutable and thread-safe.
 */
public final class PasswordHash {

    /** First field of the text form. */
    public static final String SCHEME = "pbkdf2-sha256";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String FORMAT = SCHEME + "$<iterations>$<salt base64>$<hash base64>";
    private static final int MIN_SALT_LENGTH_BYTES = 8;
    private static final int MIN_HASH_LENGTH_BYTES = 16;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /**
     * Hashes {@code password} with a new random salt.
     *
     * @throws IllegalArgumentException when the password is empty
     */
    public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        requireIterationsInRange(iterations);
        byte[] salt = new byte[SecurityConfig.SALT_LENGTH_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, SecurityConfig.HASH_LENGTH_BYTES));
    }

    /**
     * Parses the text form. The message of the exception never contains the text, because a user may have pasted a
     * plain password by mistake.
     *
     * @throws IllegalArgumentException when the text is not a valid hash of this scheme
     */
    public static PasswordHash parse(String encoded) {
        String[] fields = encoded.split("\\$", -1);
        if (fields.length != 4 || !SCHEME.equals(fields[0])) {
            throw new IllegalArgumentException("password is not a hash of the form " + FORMAT);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations of the password hash are not a number", e);
        }
        requireIterationsInRange(iterations);
        byte[] salt = decodeBase64(fields[2], "salt");
        byte[] hash = decodeBase64(fields[3], "hash");
        if (salt.length < MIN_SALT_LENGTH_BYTES) {
            throw new IllegalArgumentException(
                    "salt of the password hash has " + salt.length + " bytes, at least " + MIN_SALT_LENGTH_BYTES);
        }
        if (hash.length < MIN_HASH_LENGTH_BYTES) {
            throw new IllegalArgumentException(
                    "hash of the password hash has " + hash.length + " bytes, at least " + MIN_HASH_LENGTH_BYTES);
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** Returns whether {@code password} produces this hash; compares in constant time. */
    public boolean matches(char[] password) {
        if (password.length == 0) {
            return false;
        }
        byte[] candidate = derive(password, salt, iterations, hash.length);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    public int iterations() {
        return iterations;
    }

    /** Returns the text form that {@link #parse(String)} reads. */
    public String encode() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Returns whether {@code other} has the same iterations, salt and hash, so that it accepts the same passwords. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof PasswordHash that
                && iterations == that.iterations
                && Arrays.equals(salt, that.salt)
                && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(hash);
    }

    /** Returns the scheme and iterations only, so that a hash never ends up in a log. */
    @Override
    public String toString() {
        return SCHEME + "(" + iterations + " iterations)";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int lengthBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, lengthBytes * Byte.SIZE);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void requireIterationsInRange(int iterations) {
        if (iterations < SecurityConfig.MIN_HASH_ITERATIONS || iterations > SecurityConfig.MAX_HASH_ITERATIONS) {
            throw new IllegalArgumentException("password hash has " + iterations + " iterations, expected "
                    + SecurityConfig.MIN_HASH_ITERATIONS + " to " + SecurityConfig.MAX_HASH_ITERATIONS);
        }
    }

    private static byte[] decodeBase64(String field, String name) {
        try {
            return Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " of the password hash is not valid Base64", e);
        }
    }
}
