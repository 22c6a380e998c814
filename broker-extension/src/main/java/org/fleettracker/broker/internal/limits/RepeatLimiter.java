package org.fleettracker.broker.internal.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which repeated log lines to write: per key (event kind plus client id or address), at most {@code
 * maxPerWindow} lines within a window that starts with the key's first line. Lines beyond that are counted, and the
 * count is returned once, as a {@link Suppressed}, when the window has ended.
 *
 * <p>Thread-safe. Memory is bounded by {@code maxKeys}: the least recently used key is dropped first, and returned
 * with its count when it had suppressed lines.
 */
public final class RepeatLimiter {

    private final int maxPerWindow;
    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public RepeatLimiter(int maxPerWindow, Duration window, int maxKeys, Clock clock) {
        this.maxPerWindow = maxPerWindow;
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Lines of one key that were not written, and the length of time in which they occurred. */
    public record Suppressed(String key, int count, Duration window) {}

    /**
     * Records one line of {@code key}.
     *
     * @return whether to write the line, and the summaries to write before it
     */
    public synchronized Verdict record(String key) {
        Instant now = clock.instant();
        List<Suppressed> summaries = new ArrayList<>();
        Entry entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.windowStart.plus(window))) {
            entries.remove(key);
            if (entry.suppressed > 0) {
                summaries.add(new Suppressed(key, entry.suppressed, window));
            }
            entry = null;
        }
        if (entry == null) {
            entry = new Entry(now);
            entries.put(key, entry);
            evictBeyondCapacity(summaries);
        }
        boolean write = entry.written < maxPerWindow;
        if (write) {
            entry.written++;
        } else {
            entry.suppressed++;
        }
        return new Verdict(write, summaries);
    }

    /** Removes the keys whose window has ended and returns the summaries of those with suppressed lines. */
    public synchronized List<Suppressed> expire() {
        Instant now = clock.instant();
        List<Suppressed> summaries = new ArrayList<>();
        Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<String, Entry> next = iterator.next();
            if (!now.isBefore(next.getValue().windowStart.plus(window))) {
                iterator.remove();
                if (next.getValue().suppressed > 0) {
                    summaries.add(new Suppressed(next.getKey(), next.getValue().suppressed, window));
                }
            }
        }
        return summaries;
    }

    synchronized int trackedKeys() {
        return entries.size();
    }

    private void evictBeyondCapacity(List<Suppressed> summaries) {
        Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
        while (entries.size() > maxKeys && iterator.hasNext()) {
            Map.Entry<String, Entry> eldest = iterator.next();
            iterator.remove();
            if (eldest.getValue().suppressed > 0) {
                summaries.add(new Suppressed(eldest.getKey(), eldest.getValue().suppressed, window));
            }
        }
    }

    /** Outcome of {@link #record(String)}. */
    public record Verdict(boolean write, List<Suppressed> summaries) {}

    private static final class Entry {
        final Instant windowStart;
        int written;
        int suppressed;

        Entry(Instant windowStart) {
            this.windowStart = windowStart;
        }
    }
}
