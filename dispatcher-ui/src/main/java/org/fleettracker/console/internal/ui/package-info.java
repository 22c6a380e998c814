/**
 * JavaFX views of the console: map canvas, vehicle table and status bar.
 */
@NullMarked
package org.fleettracker.console.internal.ui;

import org.jspecify.annotations.NullMarked;
