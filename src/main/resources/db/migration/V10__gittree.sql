-- The applier's work: one row per series it takes on, so that no series is applied twice and a
-- restart finds what was pending or cut off. state: pending, running, applied, failed.
CREATE TABLE series_apply (
  series_id     BIGINT PRIMARY KEY,
  project_id    BIGINT NOT NULL,
  state         VARCHAR(16) NOT NULL,
  not_before    TIMESTAMP WITH TIME ZONE,
  claimed_by    VARCHAR(200),
  claimed_at    TIMESTAMP WITH TIME ZONE,
  attempts      INT NOT NULL DEFAULT 0,
  base_commit   VARCHAR(64),
  head_commit   VARCHAR(64),
  tag           VARCHAR(300),
  failed_patch  INT,
  summary       VARCHAR(2000),
  detail        ${text},
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX series_apply_state ON series_apply (state, series_id);

-- How far each project's upstream branch has been scanned for merged patches.
CREATE TABLE upstream_scan (
  project_id   BIGINT PRIMARY KEY,
  last_commit  VARCHAR(64) NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
