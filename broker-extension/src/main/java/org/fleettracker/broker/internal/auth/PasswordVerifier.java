package org.fleettracker.broker.internal.auth;

import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.users.PasswordHash;
import org.fleettracker.broker.internal.users.User;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks CONNECT passwords against PBKDF2 hashes. Thread-safe.
 *
 * <p>Many vehicles share one account, and one PBKDF2 check with 210,000 iterations took 77 ms of CPU on a 2-core
 * build machine (JDK 17). So a password that passed once is remembered as an HMAC-SHA256 under a random key that
 * lives only in this process. A later CONNECT with the same password costs one HMAC, and a wrong password always
 * pays for a full PBKDF2 check. A remembered password counts only while the account keeps the hash it was checked
 * against, so a password changed in the users file stops the old one at once.
 */
public final class PasswordVerifier {

    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final byte[] macKey = new byte[32];
    private final Map<String, Verified> verifiedByUser = new ConcurrentHashMap<>();
    private final PasswordHash unknownUserHash;

    public PasswordVerifier(SecureRandom random) {
        random.nextBytes(macKey);
        char[] randomPassword = new char[24];
        for (int i = 0; i < randomPassword.length; i++) {
            randomPassword[i] = (char) ('a' + random.nextInt(26));
        }
        unknownUserHash = PasswordHash.create(randomPassword, SecurityConfig.HASH_ITERATIONS, random);
    }

    /** Returns whether {@code password}, the UTF-8 bytes of a CONNECT packet, is the password of {@code user}. */
    public boolean verify(User user, ByteBuffer password) {
        byte[] mac = mac(user.username(), password);
        Verified remembered = verifiedByUser.get(user.username());
        if (remembered != null
                && remembered.hash().equals(user.passwordHash())
                && MessageDigest.isEqual(remembered.mac(), mac)) {
            return true;
        }
        char[] chars = decode(password);
        try {
            if (!user.passwordHash().matches(chars)) {
                return false;
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
        verifiedByUser.put(user.username(), new Verified(user.passwordHash(), mac));
        return true;
    }

    /** Spends the time of one PBKDF2 check, so that an unknown user name is not faster to reject than a known one. */
    public void verifyUnknownUser(ByteBuffer password) {
        char[] chars = decode(password);
        try {
            unknownUserHash.matches(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private byte[] mac(String username, ByteBuffer password) {
        try {
            Mac hmac = Mac.getInstance(MAC_ALGORITHM);
            hmac.init(new SecretKeySpec(macKey, MAC_ALGORITHM));
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(password.duplicate());
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC_ALGORITHM + " is not available in this JDK", e);
        }
    }

    private static char[] decode(ByteBuffer password) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(password.duplicate());
        char[] copy = new char[chars.remaining()];
        chars.get(copy);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return copy;
    }

    /** A password that passed the PBKDF2 check against {@code hash}, as an HMAC under this process's key. */
    private record Verified(PasswordHash hash, byte[] mac) {}
}
