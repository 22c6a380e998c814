/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.dispatch;

import org.jspecify.annotations.NullMarked;
