/** Test helpers that every module's tests share, packaged as the protocol module's test-jar. */
@NullMarked
package org.fleettracker.protocol.testing;

import org.jspecify.annotations.NullMarked;
