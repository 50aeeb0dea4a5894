/** What /actuator/health checks besides Boot's own db and diskSpace: the process engine answers, the repository opens. */
@NullMarked
package dev.bosun.health;

import org.jspecify.annotations.NullMarked;
