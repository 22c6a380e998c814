package org.fleettracker.broker.internal.limits;

import org.fleettracker.broker.api.SecuritySettings;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per client id and per remote address in a sliding window, and locks a key out once it reaches
 * its limit. While a key is locked out, CONNECTs with it are rejected without checking the password. The first
 * lockout lasts {@link SecuritySettings#lockoutInitial()} and each further one twice the one before, up to {@link
 * SecuritySettings#lockoutMax()}. A successful login clears its client id; a key that stays quiet for {@code
 * lockoutMax} after its last lockout starts again at the initial length.
 *
 * <p>Thread-safe. At most {@link SecuritySettings#maxTrackedLoginKeys()} keys are tracked; beyond that the least
 * recently used one is forgotten, so a flood of fresh client ids can push out an older lockout.
 */
// TODO: key client id failures by user name too; today anyone with a vehicle id can lock that vehicle out.
public final class LoginThrottle {

    private final SecuritySettings settings;
    private final Clock clock;
    private final LinkedHashMap<String, KeyState> keys = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Kind of key that a lockout applies to: one client id or one remote address. */
    public enum KeyKind {
        CLIENT_ID("client id"),
        ADDRESS("address");

        private final String label;

        KeyKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A lockout of one key that lasts until {@code until}. */
    public record Lockout(KeyKind kind, String key, Instant until, Duration length) {}

    /**
     * Returns the lockout that applies to a CONNECT from {@code clientId} at {@code address}, or empty when the
     * password may be checked.
     */
    public synchronized Optional<Lockout> activeLockout(String clientId, @Nullable String address) {
        Instant now = clock.instant();
        Optional<Lockout> byClientId = activeLockout(KeyKind.CLIENT_ID, clientId, now);
        if (byClientId.isPresent() || address == null) {
            return byClientId;
        }
        return activeLockout(KeyKind.ADDRESS, address, now);
    }

    /**
     * Records a failed login.
     *
     * @return the lockouts that this failure started, one per key that reached its limit
     */
    public synchronized List<Lockout> recordFailure(String clientId, @Nullable String address) {
        Instant now = clock.instant();
        List<Lockout> started = new ArrayList<>(2);
        recordFailure(KeyKind.CLIENT_ID, clientId, settings.maxFailedLoginsPerClientId(), now)
                .ifPresent(started::add);
        if (address != null) {
            recordFailure(KeyKind.ADDRESS, address, settings.maxFailedLoginsPerAddress(), now)
                    .ifPresent(started::add);
        }
        return started;
    }

    /** Returns the lockout of {@code address}, for a login without a client id such as an HTTP token request. */
    public synchronized Optional<Lockout> activeAddressLockout(String address) {
        return activeLockout(KeyKind.ADDRESS, address, clock.instant());
    }

    /**
     * Records a failed login without a client id, such as an HTTP token request, against {@code address} only.
     *
     * @return the lockout that this failure started, if any
     */
    public synchronized Optional<Lockout> recordAddressFailure(String address) {
        return recordFailure(KeyKind.ADDRESS, address, settings.maxFailedLoginsPerAddress(), clock.instant());
    }

    /** Forgets the failed logins and lockouts of {@code clientId}; its address keeps its count. */
    public synchronized void recordSuccess(String clientId) {
        keys.remove(mapKey(KeyKind.CLIENT_ID, clientId));
    }

    synchronized int trackedKeys() {
        return keys.size();
    }

    private Optional<Lockout> activeLockout(KeyKind kind, String key, Instant now) {
        KeyState state = keys.get(mapKey(kind, key));
        if (state == null || state.lockedUntil == null || !now.isBefore(state.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(new Lockout(kind, key, state.lockedUntil, state.lastLockoutLength));
    }

    private Optional<Lockout> recordFailure(KeyKind kind, String key, int limit, Instant now) {
        String mapKey = mapKey(kind, key);
        KeyState state = keys.computeIfAbsent(mapKey, k -> new KeyState());
        evictBeyondCapacity();
        if (state.lockedUntil != null && !now.isBefore(state.lockedUntil.plus(settings.lockoutMax()))) {
            state.lockouts = 0;
        }
        Instant windowStart = now.minus(settings.failedLoginWindow());
        while (!state.failures.isEmpty() && !state.failures.peekFirst().isAfter(windowStart)) {
            state.failures.pollFirst();
        }
        state.failures.addLast(now);
        if (state.failures.size() < limit) {
            return Optional.empty();
        }
        state.failures.clear();
        Duration length = lockoutLength(state.lockouts);
        state.lockouts++;
        state.lockedUntil = now.plus(length);
        state.lastLockoutLength = length;
        return Optional.of(new Lockout(kind, key, state.lockedUntil, length));
    }

    private Duration lockoutLength(int previousLockouts) {
        Duration length = settings.lockoutInitial();
        for (int i = 0; i < previousLockouts && length.compareTo(settings.lockoutMax()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(settings.lockoutMax()) > 0 ? settings.lockoutMax() : length;
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, KeyState>> iterator = keys.entrySet().iterator();
        while (keys.size() > settings.maxTrackedLoginKeys() && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }

    private static String mapKey(KeyKind kind, String key) {
        return kind.name() + ' ' + key;
    }

    /** Failures within the window (at most the limit of the key's kind) and the lockout history of one key. */
    private static final class KeyState {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        int lockouts;

        @Nullable
        Instant lockedUntil;

        Duration lastLockoutLength = Duration.ZERO;
    }
}
