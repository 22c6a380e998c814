/**
 * Test fixtures that run real MQTT brokers as child processes: the packaged standalone HiveMQ CE home and the
 * Debian Mosquitto broker. Other modules use them through this module's test-jar.
 */
@NullMarked
package org.fleettracker.broker.testing;

import org.jspecify.annotations.NullMarked;
