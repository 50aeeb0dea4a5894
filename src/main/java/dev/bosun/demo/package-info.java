/** The out-of-the-box demo: a sample repository and tasks that merge, retry and escalate. */
@NullMarked
package dev.bosun.demo;

import org.jspecify.annotations.NullMarked;
