/** The built-in {@code script} agent: a small program that follows a {@code bosun-script} block in its prompt, so Bosun runs end to end without a model. */
@NullMarked
package dev.bosun.agent.script;

import org.jspecify.annotations.NullMarked;
