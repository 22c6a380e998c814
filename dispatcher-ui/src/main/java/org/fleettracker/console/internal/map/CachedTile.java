package org.fleettracker.console.internal.map;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A tile read from the disk cache.
 *
 * @param png the image file as the server sent it
 * @param expires when the tile should be downloaded again; until then the console uses it without asking
 * @param etag the server's entity tag, sent back in {@code If-None-Match} when refreshing, or null
 */
record CachedTile(byte[] png, Instant expires, @Nullable String etag) {}
