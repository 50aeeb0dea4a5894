-- A merge-queue batch is one merge commit for several tasks, so the journal of Bosun's merges
-- (dev.bosun.merge.JdbcMergeJournal) holds one row per task and commit: the key becomes
-- (COMMIT_ID, TASK_ID) instead of COMMIT_ID alone. Made anew and renamed (portable SQL for H2 and
-- PostgreSQL, whose names for a primary-key constraint differ); the rows are kept.
CREATE TABLE BOSUN_MERGE_JOURNAL_V6 (COMMIT_ID VARCHAR(64) NOT NULL, TASK_ID VARCHAR(255) NOT NULL,
    RECORDED_AT BIGINT NOT NULL, PRIMARY KEY (COMMIT_ID, TASK_ID));
INSERT INTO BOSUN_MERGE_JOURNAL_V6 (COMMIT_ID, TASK_ID, RECORDED_AT)
    SELECT COMMIT_ID, TASK_ID, RECORDED_AT FROM BOSUN_MERGE_JOURNAL;
DROP TABLE BOSUN_MERGE_JOURNAL;
ALTER TABLE BOSUN_MERGE_JOURNAL_V6 RENAME TO BOSUN_MERGE_JOURNAL;
-- findMergeOf asks by task.
CREATE INDEX BOSUN_MERGE_JOURNAL_TASK ON BOSUN_MERGE_JOURNAL (TASK_ID);
