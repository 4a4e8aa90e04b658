-- Base tests: jobs that test the head of a project's base branch rather than a series. Such a
-- job has no series (series_id NULL) and names the commit in base_sha; it is made once per
-- (project, base commit, test). Series jobs keep base_sha NULL, which the unique index allows
-- any number of times.
ALTER TABLE test_job ALTER COLUMN series_id DROP NOT NULL;
ALTER TABLE test_job ADD COLUMN base_sha VARCHAR(64);
CREATE UNIQUE INDEX test_job_base ON test_job (project_id, base_sha, test_name);
