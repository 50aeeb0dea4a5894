package dev.bosun.process;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

import dev.bosun.lease.IdSequence;
import dev.bosun.workspace.Worktrees;

/**
 * Short task ids (1, 2, 3...) from the counter {@code task} in the engine's database, so two
 * nodes never hand out the same id. A new counter starts above the ids the repository already
 * carries, so deleting the database never makes a new task resume an old branch or look merged
 * because of an old trailer.
 */
@Component
@DependsOnDatabaseInitialization
class TaskIdSequence {

    private final IdSequence sequence;

    TaskIdSequence(DataSource dataSource, Worktrees worktrees) {
        this.sequence = new IdSequence(dataSource, "task", worktrees.highestTaskNumberInUse());
    }

    long next() {
        return sequence.next();
    }
}
