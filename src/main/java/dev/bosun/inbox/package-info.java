/** Durable messages to members and roles: sending under the talks_to rule, the store, delivery as agent turns. */
@NullMarked
package dev.bosun.inbox;

import org.jspecify.annotations.NullMarked;
