-- Keywarden SQLite schema, version 3: Secrets Manager's secrets. Applied once, in one transaction, by
-- io.keywarden.storage.sqlite.Migrations; never edit a released script.
-- A secret is stored whole, its versions and their encrypted values included, as a versioned JSON
-- document (io.keywarden.storage.codec.SecretRecordCodec, "v":1); values are never stored in clear.

-- Secrets: by ARN; a name is unique in its account and region (ListSecrets reads this index in name
-- order).
CREATE TABLE sm_secrets (
  arn        TEXT   NOT NULL PRIMARY KEY,
  account_id TEXT   NOT NULL,
  region     TEXT   NOT NULL,
  name       TEXT   NOT NULL,
  revision   BIGINT NOT NULL,
  document   TEXT   NOT NULL
);

CREATE UNIQUE INDEX sm_secrets_by_name ON sm_secrets (account_id, region, name);
