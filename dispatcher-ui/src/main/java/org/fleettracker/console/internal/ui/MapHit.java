package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.GeoBounds;

/** What a click on the map landed on. */
sealed interface MapHit {

    /** A vehicle drawn on its own. */
    record Vehicle(String vehicleId) implements MapHit {}

    /** A cluster; {@code bounds} contains the positions of its vehicles. */
    record Cluster(GeoBounds bounds, int count) implements MapHit {}
}
