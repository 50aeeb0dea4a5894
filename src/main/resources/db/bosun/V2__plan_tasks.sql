-- Tasks an architect added during a planning turn (dev.bosun.plan.JdbcHeldTasks), held until the
-- turn ends and the plan process starts them: the row is deleted in the transaction that starts the
-- task's lifecycle instance, so a task is held or started, never both. TASK_NUMBER orders them.
CREATE TABLE IF NOT EXISTS BOSUN_PLAN_TASK (TASK_ID VARCHAR(32) PRIMARY KEY, TASK_NUMBER BIGINT NOT NULL,
    PLAN_ID VARCHAR(32) NOT NULL, TITLE VARCHAR(255) NOT NULL, BODY TEXT NOT NULL,
    PRIORITY VARCHAR(16) NOT NULL, DEPENDS_ON VARCHAR(4000) NOT NULL, MANAGER VARCHAR(255),
    CREATED_BY VARCHAR(255) NOT NULL, CREATED_AT BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS BOSUN_PLAN_TASK_PLAN ON BOSUN_PLAN_TASK (PLAN_ID);
