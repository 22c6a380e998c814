package org.fleettracker.console.internal.map;

import java.net.URI;
import java.util.Locale;

/**
 * A raster tile server given by an XYZ URL template such as {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}.
 *
 * @param template the URL with {@code {z}}, {@code {x}} and {@code {y}} in it
 * @param cacheFolderName the folder of this server's tiles in the disk cache: its host name, followed by
 *     {@code _port} when the template names a port, so two servers on one host keep their tiles apart
 * @param attribution the credit the map shows for the tiles
 */
public record TileSource(String template, String cacheFolderName, String attribution) {

    /** Credit that OpenStreetMap's tile usage policy requires, normally at the bottom right of the map. */
    public static final String OPENSTREETMAP_ATTRIBUTION = "© OpenStreetMap contributors";

    /**
     * Reads the server's host from {@code template}.
     *
     * @throws IllegalArgumentException when the template is no http or https URL with a host
     */
    public static TileSource of(String template) {
        URI sample = URI.create(fill(template, new TileId(0, 0, 0)));
        String host = sample.getHost();
        String scheme = sample.getScheme();
        if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException(
                    "tile URL '" + template + "' must be an http:// or https:// URL with a host name");
        }
        String folder = sample.getPort() < 0 ? host : host + "_" + sample.getPort();
        String attribution = isOpenStreetMap(host) ? OPENSTREETMAP_ATTRIBUTION : host;
        return new TileSource(template, folder.replaceAll("[^A-Za-z0-9._-]", "_"), attribution);
    }

    /** Returns the URL of {@code tile}. */
    public URI uri(TileId tile) {
        return URI.create(fill(template, tile));
    }

    private static String fill(String template, TileId tile) {
        return template.replace("{z}", Integer.toString(tile.z()))
                .replace("{x}", Integer.toString(tile.x()))
                .replace("{y}", Integer.toString(tile.y()));
    }

    private static boolean isOpenStreetMap(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("tile.openstreetmap.org") || lower.endsWith(".tile.openstreetmap.org");
    }
}
