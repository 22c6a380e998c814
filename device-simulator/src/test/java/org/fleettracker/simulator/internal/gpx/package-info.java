@NullMarked
package org.fleettracker.simulator.internal.gpx;

import org.jspecify.annotations.NullMarked;
