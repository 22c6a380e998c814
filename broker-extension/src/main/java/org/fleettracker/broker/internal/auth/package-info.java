/** Authentication of CONNECT packets and authorization of every PUBLISH, will message and SUBSCRIBE. */
@NullMarked
package org.fleettracker.broker.internal.auth;

import org.jspecify.annotations.NullMarked;
