-- 0010: the ledger's version: one number, raised by every transaction that
-- writes what the figures are computed from (store/ledger_version.go), so a
-- reader can tell whether figures it computed earlier are still current.
CREATE TABLE ledger_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO ledger_version (id, version) VALUES (1, 0);
