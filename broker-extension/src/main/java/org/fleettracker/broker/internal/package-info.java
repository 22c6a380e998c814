/** Implementation of the broker extension; not for use from other modules. */
@NullMarked
package org.fleettracker.broker.internal;

import org.jspecify.annotations.NullMarked;
