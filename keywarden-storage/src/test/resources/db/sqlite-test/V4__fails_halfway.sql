-- For tests: the first statement succeeds, the second fails; neither may remain.
CREATE TABLE half_applied (
  id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO no_such_table (id) VALUES (1);
