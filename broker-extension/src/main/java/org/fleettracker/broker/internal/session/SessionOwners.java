package org.fleettracker.broker.internal.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owner of each client id's broker session, kept in a JSON file so that it survives a broker restart as the
 * sessions do. Thread-safe: every method is synchronized, and every change that matters after a restart rewrites the
 * file before the method returns.
 *
 * <p>The file is written to a temporary file in the same folder, forced to disk and moved over the old one, so a crash
 * leaves either the old or the new content. Owners whose session expired are dropped at load and at each write, which
 * bounds the file by the sessions the broker keeps. Owners of sessions that never expire stay until a connect with
 * clean start on, or a disconnect that ends the session, replaces or removes them.
 *
 * <p>When the file existed at start, a session without a recorded owner is rejected for every user, because its owner
 * is unknown. When the file did not exist at start (the first start with this store), {@link #adoptsUnownedSessions()}
 * is true: sessions made before then are taken by the first user who resumes them.
 */
public final class SessionOwners {

    private static final Logger log = LoggerFactory.getLogger(SessionOwners.class);

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Clock clock;
    private final boolean adoptsUnownedSessions;
    private final Map<String, SessionOwner> owners;
    /** Token of the connection that owns each connected client id; kept in memory only, like the connections. */
    private final Map<String, String> connections = new HashMap<>();

    private SessionOwners(Path file, Clock clock, boolean adoptsUnownedSessions, Map<String, SessionOwner> owners) {
        this.file = file;
        this.clock = clock;
        this.adoptsUnownedSessions = adoptsUnownedSessions;
        this.owners = owners;
    }

    /**
     * Reads the owners from {@code file}. An owner that was connected when the broker stopped counts as disconnected
     * at load time. A file that cannot be parsed is logged, moved aside with the suffix {@code .invalid}, and the store
     * starts empty, so that no user resumes a session whose owner is unknown.
     *
     * @throws UncheckedIOException when the folder of {@code file} cannot be created or the file cannot be read
     */
    public static SessionOwners load(Path file, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                log.info("No session owner file {}, so the first user who resumes an older session owns it", file);
                return new SessionOwners(file, clock, true, new HashMap<>());
            }
            Instant now = clock.instant();
            Map<String, SessionOwner> owners = new HashMap<>();
            for (StoredOwner stored : parse(file)) {
                SessionOwner owner = stored.toOwner(now);
                if (!owner.expiredAt(now)) {
                    owners.put(stored.clientId(), owner);
                }
            }
            log.info("Loaded the owners of {} broker sessions from {}", owners.size(), file);
            return new SessionOwners(file, clock, false, owners);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the session owner file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<StoredOwner> parse(Path file) throws IOException {
        try {
            StoredFile stored = JSON.readValue(file.toFile(), StoredFile.class);
            List<StoredOwner> owners = stored.owners() == null ? List.of() : stored.owners();
            owners.forEach(StoredOwner::validate);
            return owners;
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException | DateTimeParseException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".invalid");
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            log.error(
                    "The session owner file {} is invalid and was moved to {}; sessions made before now can be "
                            + "resumed only after a connect with clean start on: {}",
                    file,
                    aside,
                    e.getMessage());
            return List.of();
        }
    }

    /** Returns whether a session without a recorded owner goes to the first user who resumes it. */
    public boolean adoptsUnownedSessions() {
        return adoptsUnownedSessions;
    }

    /** Returns the owner of the session of {@code clientId}, or empty when none is recorded or it expired. */
    public synchronized Optional<SessionOwner> owner(String clientId) {
        SessionOwner owner = owners.get(clientId);
        return owner == null || owner.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(owner);
    }

    /**
     * Records that the connection with {@code connectionToken} now uses {@code clientId}'s session as {@code username}.
     * The file is rewritten only when the session outlives the connection or an owner of such a session is replaced.
     */
    public synchronized void connected(
            String clientId, String connectionToken, String username, String account, long sessionExpiryS) {
        SessionOwner previous = owners.put(clientId, new SessionOwner(username, account, sessionExpiryS, null));
        connections.put(clientId, connectionToken);
        if (sessionExpiryS > 0 || outlivesConnection(previous)) {
            save();
        }
    }

    /**
     * Records that the connection with {@code connectionToken} ended, and that its session expires {@code
     * sessionExpiryS} seconds later; 0 removes the owner, because the session ended with the connection. Does nothing
     * when a newer connection took the client id over.
     */
    public synchronized void disconnected(String clientId, String connectionToken, long sessionExpiryS) {
        if (!connectionToken.equals(connections.get(clientId))) {
            return;
        }
        connections.remove(clientId);
        SessionOwner owner = owners.get(clientId);
        if (owner == null) {
            return;
        }
        if (sessionExpiryS == 0) {
            owners.remove(clientId);
        } else {
            owners.put(clientId, owner.disconnected(clock.instant(), sessionExpiryS));
        }
        if (owner.sessionExpiryS() > 0 || sessionExpiryS > 0) {
            save();
        }
    }

    /**
     * Updates the expiry of a disconnected session to what the broker reports, which differs from the CONNECT's when
     * the client changed it in its DISCONNECT; empty removes the owner, because the broker has no such session. Does
     * nothing while a connection uses the client id.
     */
    public synchronized void sessionChecked(String clientId, Optional<Long> brokerSessionExpiryS) {
        SessionOwner owner = owners.get(clientId);
        if (owner == null || owner.disconnectedAt() == null || connections.containsKey(clientId)) {
            return;
        }
        if (brokerSessionExpiryS.isEmpty()) {
            owners.remove(clientId);
        } else if (brokerSessionExpiryS.get() == owner.sessionExpiryS()) {
            return;
        } else {
            owners.put(
                    clientId,
                    new SessionOwner(
                            owner.username(), owner.account(), brokerSessionExpiryS.get(), owner.disconnectedAt()));
        }
        save();
    }

    /** Returns how many owners the store contains, expired ones not yet dropped included. */
    synchronized int size() {
        return owners.size();
    }

    private static boolean outlivesConnection(@Nullable SessionOwner owner) {
        return owner != null && owner.sessionExpiryS() > 0;
    }

    /** Drops the expired owners and writes the others to the file atomically. */
    private void save() {
        Instant now = clock.instant();
        owners.values().removeIf(owner -> owner.expiredAt(now));
        List<StoredOwner> stored = new ArrayList<>();
        owners.forEach((clientId, owner) -> stored.add(StoredOwner.of(clientId, owner)));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoredFile(1, stored));
            Files.write(temporary, content);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The owners stay in memory, so the rule still applies, and only a restart before the next write loses this
            // change.
            log.error("Writing the session owner file {} failed: {}", file, e.getMessage());
            log.debug("Session owner file failure", e);
        }
    }

    /** Layout of the file. */
    private record StoredFile(int version, @Nullable List<StoredOwner> owners) {}

    /** One owner as stored, with times as ISO-8601 strings. */
    private record StoredOwner(
            String clientId, String username, String account, long sessionExpiryS, @Nullable String disconnectedAt) {

        static StoredOwner of(String clientId, SessionOwner owner) {
            Instant disconnectedAt = owner.disconnectedAt();
            return new StoredOwner(
                    clientId,
                    owner.username(),
                    owner.account(),
                    owner.sessionExpiryS(),
                    disconnectedAt == null ? null : disconnectedAt.toString());
        }

        @SuppressWarnings("ConstantValue") // Jackson leaves a missing field null despite the declared types.
        void validate() {
            if (clientId == null || username == null || account == null) {
                throw new IllegalArgumentException("an owner lacks its clientId, username or account");
            }
            toOwner(Instant.EPOCH);
        }

        SessionOwner toOwner(Instant loadTime) {
            Instant disconnected = disconnectedAt == null ? loadTime : Instant.parse(disconnectedAt);
            return new SessionOwner(username, account, sessionExpiryS, disconnected);
        }
    }
}
