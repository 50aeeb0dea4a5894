/** The task read model: what each task's status, assignee, attempts and history are. */
@NullMarked
package dev.bosun.board;

import org.jspecify.annotations.NullMarked;
