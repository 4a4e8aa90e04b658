-- How far each public-inbox epoch (one git repository) has been imported: the newest commit
-- whose message is committed to the store. The next run reads only the commits after it.
CREATE TABLE public_inbox_epoch (
  repo         VARCHAR(4000) PRIMARY KEY,
  last_commit  VARCHAR(64) NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
