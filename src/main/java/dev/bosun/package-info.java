/** Bosun: a team of AI coding agents whose task lifecycle is BPMN run by Camunda 7. */
@NullMarked
package dev.bosun;

import org.jspecify.annotations.NullMarked;
