-- Testers as they last checked in, for the /testers page: a row per tester name, written on
-- each claim (with the capabilities it claimed with) and touched by its heartbeats, logs and
-- results. test_job cannot say this: an expired lease clears its tester, and capabilities are
-- not kept there.
CREATE TABLE tester (
  name          VARCHAR(200) PRIMARY KEY,
  capabilities  VARCHAR(2000) NOT NULL,
  job_id        BIGINT,
  first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tester_last_seen ON tester (last_seen);
