/**
 * MQTT side of the console: the Paho connection with reconnect and the decoding of state and presence.
 */
@NullMarked
package org.fleettracker.console.internal.mqtt;

import org.jspecify.annotations.NullMarked;
