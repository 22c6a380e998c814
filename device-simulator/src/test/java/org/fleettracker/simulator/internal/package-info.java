@NullMarked
package org.fleettracker.simulator.internal;

import org.jspecify.annotations.NullMarked;
