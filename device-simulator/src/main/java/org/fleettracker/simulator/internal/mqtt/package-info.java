/** One MQTT 5 connection per vehicle with an offline buffer, reconnect backoff and QoS 1 resends. */
@NullMarked
package org.fleettracker.simulator.internal.mqtt;

import org.jspecify.annotations.NullMarked;
