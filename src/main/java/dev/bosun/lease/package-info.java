/** Coordination of Bosun nodes in the shared database: named leases, node identity, id sequences, Bosun's own schema. */
@org.jspecify.annotations.NullMarked
package dev.bosun.lease;
