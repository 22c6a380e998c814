/**
 * The map's data behind the canvas: raster tiles (addressing, disk cache, download, memory cache), the fleet in
 * Web Mercator coordinates, and the grouping of overlapping markers into clusters.
 */
@NullMarked
package org.fleettracker.console.internal.map;

import org.jspecify.annotations.NullMarked;
