/** BPMN glue: external-task workers and delegates that only translate, ids, variables, engine client. */
@NullMarked
package dev.bosun.process;

import org.jspecify.annotations.NullMarked;
