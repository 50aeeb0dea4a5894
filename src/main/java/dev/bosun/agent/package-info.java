/** Agent kinds (built-in script agent, any command), PTY sessions, turns and their terminal logs. */
@NullMarked
package dev.bosun.agent;

import org.jspecify.annotations.NullMarked;
