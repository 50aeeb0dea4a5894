/** Agent kinds (built-in script agent, any command), PTY sessions, turns and their terminal logs. */
package dev.bosun.agent;
