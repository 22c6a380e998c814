package org.fleettracker.broker.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads and creates the file with the secret that signs access tokens.
 *
 * <p>Format: the secret as base64 text (standard alphabet, padding optional), on one line; whitespace around it is
 * ignored. It must decode to at least {@value AccessTokens#MIN_SECRET_BYTES} bytes. Create one with
 * {@code openssl rand -base64 32 > token-secret} and make it readable by the broker's user only.
 */
public final class TokenSecretFile {

    private static final Logger log = LoggerFactory.getLogger(TokenSecretFile.class);

    /** Length of a created secret, in bytes. */
    public static final int CREATED_SECRET_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private TokenSecretFile() {}

    /**
     * Reads the secret of an existing file.
     *
     * @throws IOException when the file cannot be read, is not base64, or decodes to too few bytes
     */
    public static byte[] read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "token secret file " + file + " does not exist; create one with" + " openssl rand -base64 32 > "
                            + file,
                    e);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("token secret file " + file + " is not base64 text: " + e.getMessage(), e);
        }
        if (secret.length < AccessTokens.MIN_SECRET_BYTES) {
            throw new IOException("token secret file " + file + " decodes to " + secret.length + " bytes, but at least "
                    + AccessTokens.MIN_SECRET_BYTES + " are required");
        }
        warnIfReadableByOthers(file);
        return secret;
    }

    /**
     * Reads the secret, or first writes a new random one with owner-only permissions where the file system supports
     * POSIX permissions.
     *
     * @throws IOException when the file cannot be created or read, or is invalid
     */
    public static byte[] readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
            log.info("Created a new access token secret in {}", file);
        }
        return read(file);
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[CREATED_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        String text = Base64.getEncoder().encodeToString(secret) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (supportsPosix(file)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, ownerOnly);
        } else {
            // NOTE: on file systems without POSIX permissions (Windows) the file keeps the folder's default access.
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn(
                    "Token secret file {} has permissions {}; restrict it to its owner with chmod 600",
                    file,
                    PosixFilePermissions.toString(permissions));
        }
    }

    private static boolean supportsPosix(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
