@NullMarked
package org.fleettracker.simulator.api;

import org.jspecify.annotations.NullMarked;
