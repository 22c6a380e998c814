/** Read-only HTTP API, health and metrics endpoints on the JDK HTTP server. */
@NullMarked
package org.fleettracker.tracker.internal.http;

import org.jspecify.annotations.NullMarked;
