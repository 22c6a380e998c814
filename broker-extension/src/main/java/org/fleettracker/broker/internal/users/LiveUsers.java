package org.fleettracker.broker.internal.users;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The accounts of the users file as it is now: {@link #poll()} reads the file, and when its content changed and is
 * valid, swaps in the new {@link Users} and calls the reload listener. An invalid file keeps the accounts loaded
 * before, and its error is logged once per distinct content. Thread-safe; call {@link #poll()} from one thread.
 */
public final class LiveUsers implements Supplier<@Nullable Users> {

    private static final Logger log = LoggerFactory.getLogger(LiveUsers.class);

    private final Path file;
    private final Consumer<Users> reloadListener;
    private final AtomicReference<@Nullable Users> current = new AtomicReference<>();
    private volatile @Nullable String lastContentKey;

    /**
     * @param reloadListener called on the polling thread after each change of the loaded accounts, with the new ones
     */
    public LiveUsers(Path file, Consumer<Users> reloadListener) {
        this.file = file;
        this.reloadListener = reloadListener;
    }

    /** Returns the accounts loaded last, or null while the file has never been valid. */
    @Override
    public @Nullable Users get() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file and applies it when its content changed since the last call.
     *
     * @return whether accounts are loaded after the call
     */
    public boolean poll() {
        byte[] content;
        try {
            content = UsersFile.readBytes(file);
        } catch (InvalidUsersFileException e) {
            reportInvalid("unreadable:" + e.getMessage(), e);
            return current.get() != null;
        }
        String key = sha256(content);
        if (key.equals(lastContentKey)) {
            log.trace("Users file {} is unchanged", file);
            return current.get() != null;
        }
        try {
            apply(key, UsersFile.parse(file, content));
        } catch (InvalidUsersFileException e) {
            reportInvalid(key, e);
        }
        return current.get() != null;
    }

    private void apply(String key, Users users) {
        lastContentKey = key;
        Users previous = current.getAndSet(users);
        if (previous == null) {
            log.info("Loaded {} users from {}", users.size(), file);
        } else {
            UsersChange change = UsersChange.between(previous, users);
            log.info(
                    "Reloaded users file {}: {} users, {} added, {} removed, {} changed",
                    file,
                    users.size(),
                    change.added().size(),
                    change.removed().size(),
                    change.changed().size());
            log.debug("Users added {}, removed {}, changed {}", change.added(), change.removed(), change.changed());
        }
        reloadListener.accept(users);
    }

    private void reportInvalid(String key, InvalidUsersFileException e) {
        if (key.equals(lastContentKey)) {
            return;
        }
        lastContentKey = key;
        Users loaded = current.get();
        if (loaded == null) {
            log.error("No client is accepted until the users file becomes valid. {}", e.getMessage());
        } else {
            log.error(
                    "Keeping the {} users loaded before, because the changed file is invalid. {}",
                    loaded.size(),
                    e.getMessage());
        }
        log.debug("Users file failure", e);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
