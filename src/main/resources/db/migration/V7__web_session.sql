-- Web sessions live in the store, not in one server's memory, so that several replicas behind
-- one address all know a logged-in user. The cookie is a random token; only its SHA-256 is kept.
CREATE TABLE web_session (
  token_hash  VARCHAR(64) PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES app_user (id),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_session_expires ON web_session (expires_at);
