/** BPMN glue: external-task workers and delegates that only translate, ids, variables, engine client. */
package dev.bosun.process;
