-- Bosun's own tables, as Bosun created them before they were versioned. IF NOT EXISTS: an existing
-- installation already has them (Flyway baselines it at version 0), and V1 adopts them as they are.
-- Portable SQL for H2 and PostgreSQL: times are epoch milliseconds in BIGINT columns.

-- Leases (dev.bosun.lease.LeaseName), one row each: 'merge', 'claim'. Rows are added by the code.
CREATE TABLE IF NOT EXISTS BOSUN_MERGE_LOCK (LOCK_NAME VARCHAR(64) PRIMARY KEY,
    HOLDER VARCHAR(255), EXPIRES_AT BIGINT);

-- Counters of task and message ids (dev.bosun.lease.IdSequence), one row each: 'task', 'message'.
CREATE TABLE IF NOT EXISTS BOSUN_SEQUENCE (NAME VARCHAR(64) PRIMARY KEY, NEXT_VALUE BIGINT NOT NULL);

-- Messages to members and roles (dev.bosun.inbox.JdbcMessages). TEXT is PostgreSQL's unbounded
-- text; H2 reads it as a VARCHAR of up to 1,000,000 characters, far above a message's 60,000.
CREATE TABLE IF NOT EXISTS BOSUN_MESSAGE (ID BIGINT PRIMARY KEY, SENDER VARCHAR(255) NOT NULL,
    RECIPIENT VARCHAR(255) NOT NULL, DELIVERED_TO VARCHAR(255), BODY TEXT NOT NULL,
    STATUS VARCHAR(16) NOT NULL, CREATED_AT BIGINT NOT NULL, DELIVERED_AT BIGINT,
    TAKEN_BY VARCHAR(255), LEASE_UNTIL BIGINT);
-- The delivery loop of every node asks for QUEUED rows a few times a second.
CREATE INDEX IF NOT EXISTS BOSUN_MESSAGE_STATUS ON BOSUN_MESSAGE (STATUS);

-- The merge commits Bosun made (dev.bosun.merge.JdbcMergeJournal), so the trunk watch can tell
-- them from trunk moves written by anyone else.
CREATE TABLE IF NOT EXISTS BOSUN_MERGE_JOURNAL (COMMIT_ID VARCHAR(64) PRIMARY KEY,
    TASK_ID VARCHAR(255) NOT NULL, RECORDED_AT BIGINT NOT NULL);
