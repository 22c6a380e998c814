/**
 * The MQTT topic and payload contract that vehicles, the tracker, the console and third parties share.
 *
 * <p>Payloads are UTF-8 JSON. Times are ISO-8601 instants in UTC; units are part of every field name.
 */
@NullMarked
package org.fleettracker.protocol.api;

import org.jspecify.annotations.NullMarked;
