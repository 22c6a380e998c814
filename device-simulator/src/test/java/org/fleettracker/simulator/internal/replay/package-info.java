@NullMarked
package org.fleettracker.simulator.internal.replay;

import org.jspecify.annotations.NullMarked;
