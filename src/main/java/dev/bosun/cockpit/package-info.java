/** Finished work in Cockpit: a Cockpit plugin that lists finished tasks and plans and shows each as a timeline. */
@NullMarked
package dev.bosun.cockpit;

import org.jspecify.annotations.NullMarked;
