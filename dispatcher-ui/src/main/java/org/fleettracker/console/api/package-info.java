/**
 * Dispatcher console: command-line launcher, settings and the window that tests and the launcher open.
 */
@NullMarked
package org.fleettracker.console.api;

import org.jspecify.annotations.NullMarked;
