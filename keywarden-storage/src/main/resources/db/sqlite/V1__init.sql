-- Keywarden SQLite schema, version 1. Applied once, in one transaction, by
-- io.keywarden.storage.sqlite.Migrations; never edit a released script: add V2__*.sql instead.
-- Statements end with ';' at the end of a line. Kept close to portable SQL (PostgreSQL would differ
-- only in BLOB -> BYTEA and in COLLATE "C" on the ordered text columns).

-- KMS keys: the queried fields as columns, the whole record as a JSON document
-- (io.keywarden.storage.codec.KeyRecordCodec, "v":1). Instants in columns are epoch milliseconds,
-- rounded down (io.keywarden.storage.codec.KeyColumns).
CREATE TABLE kms_key (
  region        TEXT    NOT NULL,
  key_id        TEXT    NOT NULL,
  account_id    TEXT    NOT NULL,
  revision      BIGINT  NOT NULL,
  deletion_date BIGINT,
  next_rotation BIGINT,
  document      TEXT    NOT NULL,
  PRIMARY KEY (region, key_id)
);

-- ListKeys: an account's keys in a region, by key id.
CREATE INDEX kms_key_by_account ON kms_key (account_id, region, key_id);

-- dueForWork: only keys with work scheduled are indexed.
CREATE INDEX kms_key_by_deletion_date ON kms_key (deletion_date) WHERE deletion_date IS NOT NULL;
CREATE INDEX kms_key_by_next_rotation ON kms_key (next_rotation) WHERE next_rotation IS NOT NULL;

-- Aliases: unique by account, region and name; the target key must exist in the alias's region and
-- takes its aliases with it when deleted. Instants are ISO-8601 text (exact to the nanosecond).
CREATE TABLE kms_alias (
  account_id        TEXT NOT NULL,
  region            TEXT NOT NULL,
  alias_name        TEXT NOT NULL,
  target_key_id     TEXT NOT NULL,
  creation_date     TEXT NOT NULL,
  last_updated_date TEXT NOT NULL,
  PRIMARY KEY (account_id, region, alias_name),
  FOREIGN KEY (region, target_key_id) REFERENCES kms_key (region, key_id) ON DELETE CASCADE
);

-- ListAliases with a KeyId, and the foreign key's cascade.
CREATE INDEX kms_alias_by_target ON kms_alias (region, target_key_id, alias_name);

-- Access keys; the secret is stored only wrapped by the root of trust.
CREATE TABLE access_key (
  access_key_id     TEXT    NOT NULL PRIMARY KEY,
  account_id        TEXT    NOT NULL,
  principal_arn     TEXT    NOT NULL,
  secret_root_key_id TEXT   NOT NULL,
  secret_blob       BLOB    NOT NULL,
  created_at        TEXT    NOT NULL,
  active            BOOLEAN NOT NULL
);

CREATE INDEX access_key_by_account ON access_key (account_id, access_key_id);

-- Installation settings (the seal configuration): kept by wipe().
CREATE TABLE setting (
  name  TEXT NOT NULL PRIMARY KEY,
  value BLOB NOT NULL
);
