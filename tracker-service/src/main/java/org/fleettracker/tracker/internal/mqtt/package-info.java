/** The tracker's Paho MQTT 5 connection: subscription, reconnect, flow-controlled publishing. */
@NullMarked
package org.fleettracker.tracker.internal.mqtt;

import org.jspecify.annotations.NullMarked;
