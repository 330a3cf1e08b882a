-- A third migration, for tests: a later release adding a column and a table.
ALTER TABLE kms_key ADD COLUMN note TEXT;
CREATE TABLE test_marker (
  id INTEGER NOT NULL PRIMARY KEY
);
