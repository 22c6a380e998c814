package org.fleettracker.protocol.api;

import java.util.regex.Pattern;

/** Rules for fleet and vehicle ids, which appear as single topic levels. */
public final class Ids {

    /** Maximum length of a fleet or vehicle id, in characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private Ids() {}

    /** Returns whether {@code id} has 1 to 64 letters, digits, '.', '_' or '-', and nothing else. */
    public static boolean isValid(String id) {
        return VALID.matcher(id).matches();
    }

    /**
     * Returns {@code id} unchanged if it is valid.
     *
     * @throws IllegalArgumentException naming {@code kind} and the id when it is invalid
     */
    public static String requireValid(String kind, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(
                    kind + " '" + id + "' is invalid: use 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        return id;
    }
}
