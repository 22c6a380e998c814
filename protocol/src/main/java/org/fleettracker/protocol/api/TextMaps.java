package org.fleettracker.protocol.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks for the small string-to-string maps of commands and events. */
final class TextMaps {

    /** Maximum number of entries in a map. */
    static final int MAX_ENTRIES = 16;

    /** Maximum length of a value, in characters. */
    static final int MAX_VALUE_CHARS = 256;

    private TextMaps() {}

    /**
     * Returns an unmodifiable copy in the original order, after checking the entry count, that every key follows
     * the {@link Ids} rules and that every value has at most {@link #MAX_VALUE_CHARS} characters.
     */
    static Map<String, String> requireValid(String field, Map<String, String> map) {
        if (map.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(field + " has " + map.size() + " entries, more than " + MAX_ENTRIES);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            Ids.requireValid(field + " key", key);
            Ranges.requireLength(field + "." + key, value, 0, MAX_VALUE_CHARS);
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
