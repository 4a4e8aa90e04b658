-- One number that grows after every committed write, for readers that cache what they computed
-- from the store (the HTTP response cache). A row, not a counter in one process, so that writes
-- by another process (an import beside the server, a second replica) are seen too.
CREATE TABLE store_revision (
  id INTEGER PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 0);
