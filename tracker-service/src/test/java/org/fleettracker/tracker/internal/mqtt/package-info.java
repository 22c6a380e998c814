@NullMarked
package org.fleettracker.tracker.internal.mqtt;

import org.jspecify.annotations.NullMarked;
