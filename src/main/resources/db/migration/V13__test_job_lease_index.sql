-- Every claim asks whether a running job's lease ran out; without this it read every running job.
CREATE INDEX test_job_lease ON test_job (state, lease_until);
