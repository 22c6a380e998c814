@NullMarked
package org.fleettracker.simulator.internal.motion;

import org.jspecify.annotations.NullMarked;
