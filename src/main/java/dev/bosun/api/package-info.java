/** REST controllers under /api, next to Camunda's own /engine-rest. */
package dev.bosun.api;
