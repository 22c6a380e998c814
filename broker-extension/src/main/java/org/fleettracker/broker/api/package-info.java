/** Public entry points of the broker extension: the extension itself and an embedded broker that loads it. */
@NullMarked
package org.fleettracker.broker.api;

import org.jspecify.annotations.NullMarked;
