-- Keywarden SQLite schema, version 2: IAM users and roles, and KMS grants. Applied once, in one
-- transaction, by io.keywarden.storage.sqlite.Migrations; never edit a released script.
-- As for keys: the queried fields as columns, the whole record as a versioned JSON document
-- (io.keywarden.storage.codec: IamUserCodec, IamRoleCodec, GrantCodec, each "v":1).

-- IAM users: unique by account and name (ListUsers reads the primary key in name order), and by
-- user id (the AIDA... id of aws:userid, looked up on every call signed by a user).
CREATE TABLE iam_users (
  account_id TEXT   NOT NULL,
  user_name  TEXT   NOT NULL,
  user_id    TEXT   NOT NULL,
  revision   BIGINT NOT NULL,
  document   TEXT   NOT NULL,
  PRIMARY KEY (account_id, user_name)
);

CREATE UNIQUE INDEX iam_users_by_user_id ON iam_users (user_id);

-- IAM roles: unique by account and name (ListRoles reads the primary key in name order).
CREATE TABLE iam_roles (
  account_id TEXT   NOT NULL,
  role_name  TEXT   NOT NULL,
  revision   BIGINT NOT NULL,
  document   TEXT   NOT NULL,
  PRIMARY KEY (account_id, role_name)
);

-- Grants: by region and grant id; the key must exist in the grant's region and takes its grants with
-- it when deleted. creation_date is epoch milliseconds rounded down
-- (io.keywarden.storage.codec.GrantColumns).
CREATE TABLE kms_grants (
  region             TEXT   NOT NULL,
  grant_id           TEXT   NOT NULL,
  key_id             TEXT   NOT NULL,
  retiring_principal TEXT,
  creation_date      BIGINT NOT NULL,
  document           TEXT   NOT NULL,
  PRIMARY KEY (region, grant_id),
  FOREIGN KEY (region, key_id) REFERENCES kms_key (region, key_id) ON DELETE CASCADE
);

-- ListGrants: a key's grants in creation order; also the foreign key's cascade.
CREATE INDEX kms_grants_by_key ON kms_grants (region, key_id, creation_date, grant_id);

-- ListRetirableGrants: by retiring principal in any region, in grant id order; only grants that name
-- a retiring principal are indexed.
CREATE INDEX kms_grants_by_retiring_principal ON kms_grants (retiring_principal, grant_id, region)
  WHERE retiring_principal IS NOT NULL;
