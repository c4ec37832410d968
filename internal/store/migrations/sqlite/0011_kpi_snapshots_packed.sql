-- 0011: the monthly KPI snapshots packed: one row per entity, dimension,
-- value and currency holding all its month ends (up to 27) in one BLOB
-- (store/kpi_snapshots_pack.go: a format byte, then per month its day, the
-- sales and the non-zero aging lines as varints), instead of one row per
-- month end. A series holds 12.6 months on average (a customer's only those
-- in which it had something open or sold), so the recomputation writes
-- 12.6 times fewer rows (10,028 instead of 126,360 at 200,000 invoices);
-- writing them was half of its time at 2M invoices (1.26M rows at 13 us).
--
-- The old rows are dropped, not converted: snapshots are derived data,
-- recomputed from the ledger daily by the scheduler, by `kredo kpi snapshot`
-- and by the dashboard's button. Until then a trend is empty and the
-- monthly report computes its trend from the ledger (docs/kpi.md).
--
-- WITHOUT ROWID: rows are only ever found, deleted and written by their
-- key, so the table is its primary key's b-tree alone; with a rowid each
-- row went into two b-trees (the table and the key's index). It suits rows
-- this small (a customer's is about 150 bytes, under a twentieth of a 4 KiB
-- page; the few rows of the entity and its segments about 1 KiB).
-- The foreign key to entities stays: one look-up in entities' primary key
-- per row, now a row per series rather than per month.
DROP TABLE kpi_snapshots;
CREATE TABLE kpi_snapshots (
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    dimension   TEXT NOT NULL, -- entity, segment, region, product_group, controller, customer, group
    value       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    months      BLOB NOT NULL, -- the month ends with their sales and aging, packed
    computed_at TEXT NOT NULL,
    PRIMARY KEY (entity_id, dimension, value, currency)
) WITHOUT ROWID;
