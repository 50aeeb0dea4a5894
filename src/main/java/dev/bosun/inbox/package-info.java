/** Durable messages to members and roles: sending under the talks_to rule, the store, delivery as agent turns. */
package dev.bosun.inbox;
