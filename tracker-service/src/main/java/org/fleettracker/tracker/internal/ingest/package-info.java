/** Ingest of telemetry and presence: batching, the ordered pipeline stages and manual MQTT acknowledgements. */
@NullMarked
package org.fleettracker.tracker.internal.ingest;

import org.jspecify.annotations.NullMarked;
