/** The users file: accounts, roles, fleets and PBKDF2 password hashes. */
@NullMarked
package org.fleettracker.broker.internal.users;

import org.jspecify.annotations.NullMarked;
