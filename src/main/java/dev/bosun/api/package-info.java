/** REST controllers under /api, next to Camunda's own /engine-rest. */
@NullMarked
package dev.bosun.api;

import org.jspecify.annotations.NullMarked;
