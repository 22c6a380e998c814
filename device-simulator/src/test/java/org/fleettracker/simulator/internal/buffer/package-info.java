@NullMarked
package org.fleettracker.simulator.internal.buffer;

import org.jspecify.annotations.NullMarked;
