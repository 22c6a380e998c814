/**
 * Implementation of the console; not used from other modules.
 */
@NullMarked
package org.fleettracker.console.internal;

import org.jspecify.annotations.NullMarked;
