package dev.bosun.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link HeldTasks} in table {@code BOSUN_PLAN_TASK} (db/bosun/V2__plan_tasks.sql). A plain
 * {@link JdbcTemplate} on the engine's DataSource joins the engine's Spring-managed transaction, so
 * a delegate's {@link #release} commits or rolls back with the instance it started.
 */
@Component
@DependsOnDatabaseInitialization
class JdbcHeldTasks implements HeldTasks {

    private static final String COLUMNS = "TASK_ID, PLAN_ID, TITLE, BODY, PRIORITY, DEPENDS_ON, MANAGER, CREATED_BY";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcHeldTasks(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public void hold(HeldTask task) {
        jdbc.update(
                "INSERT INTO BOSUN_PLAN_TASK (" + COLUMNS + ", TASK_NUMBER, CREATED_AT)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                task.taskId(),
                task.planId(),
                task.title(),
                task.body(),
                task.priority(),
                String.join(",", task.dependsOn()),
                task.manager(),
                task.createdBy(),
                Long.parseLong(task.taskId()),
                clock.millis());
    }

    @Override
    public List<HeldTask> of(String planId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM BOSUN_PLAN_TASK WHERE PLAN_ID = ? ORDER BY TASK_NUMBER",
                JdbcHeldTasks::task,
                planId);
    }

    @Override
    public int discard(String planId) {
        return jdbc.update("DELETE FROM BOSUN_PLAN_TASK WHERE PLAN_ID = ?", planId);
    }

    @Override
    public void release(String taskId) {
        jdbc.update("DELETE FROM BOSUN_PLAN_TASK WHERE TASK_ID = ?", taskId);
    }

    private static HeldTask task(ResultSet row, int number) throws SQLException {
        String dependsOn = row.getString("DEPENDS_ON");
        return new HeldTask(
                row.getString("TASK_ID"),
                row.getString("PLAN_ID"),
                row.getString("TITLE"),
                row.getString("BODY"),
                row.getString("PRIORITY"),
                dependsOn.isEmpty() ? List.of() : Arrays.asList(dependsOn.split(",")),
                row.getString("MANAGER"),
                row.getString("CREATED_BY"));
    }
}
