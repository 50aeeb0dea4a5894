/** The out-of-the-box demo: a sample repository and tasks that merge, retry and escalate. */
package dev.bosun.demo;
