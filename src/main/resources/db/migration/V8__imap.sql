-- What an IMAP importer has committed, per source and folder. UIDs only mean something within
-- one UIDVALIDITY, so both are kept: when the server's UIDVALIDITY changes the folder is read
-- again from the start (Message-ID dedup makes that harmless).
CREATE TABLE imap_folder (
  source       VARCHAR(300) NOT NULL,
  folder       VARCHAR(300) NOT NULL,
  uidvalidity  BIGINT NOT NULL,
  last_uid     BIGINT NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (source, folder)
);
