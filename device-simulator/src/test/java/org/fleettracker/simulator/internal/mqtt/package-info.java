@NullMarked
package org.fleettracker.simulator.internal.mqtt;

import org.jspecify.annotations.NullMarked;
