/** Fixtures shared by the console's integration tests: a demo fleet publisher and a password-checking broker. */
@NullMarked
package org.fleettracker.console.testing;

import org.jspecify.annotations.NullMarked;
