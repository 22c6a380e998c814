/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.http;

import org.jspecify.annotations.NullMarked;
