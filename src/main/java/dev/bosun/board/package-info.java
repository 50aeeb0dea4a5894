/** The task read model: what each task's status, assignee, attempts and history are. */
package dev.bosun.board;
