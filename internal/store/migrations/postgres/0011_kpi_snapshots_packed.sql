-- 0011: the monthly KPI snapshots packed: one row per entity, dimension,
-- value and currency holding all its month ends (up to 27) in one BYTEA
-- (store/kpi_snapshots_pack.go: a format byte, then per month its day, the
-- sales and the non-zero aging lines as varints), instead of one row per
-- month end. A series holds 12.6 months on average (a customer's only those
-- in which it had something open or sold), so the recomputation writes
-- 12.6 times fewer rows (10,028 instead of 126,360 at 200,000 invoices); the
-- server's per-row work (the foreign key check, the unique index checking
-- a key its own transaction deleted) was most of the writing.
--
-- The old rows are dropped, not converted: snapshots are derived data,
-- recomputed from the ledger daily by the scheduler, by `kredo kpi snapshot`
-- and by the dashboard's button. Until then a trend is empty and the
-- monthly report computes its trend from the ledger (docs/kpi.md).
--
-- The foreign key to entities stays. Its check is per row: measured in psql,
-- replacing 60,000 rows of this shape took 0.94 s with it and 0.71 s
-- without, about 4 us a row; at 2M invoices (some 100,000 rows) that is
-- about 0.4 s of the 30 s budget. For that, like every other table of an
-- entity, no snapshot can name an entity that does not exist.
DROP TABLE kpi_snapshots;
CREATE TABLE kpi_snapshots (
    entity_id   BIGINT NOT NULL REFERENCES entities(id),
    dimension   TEXT NOT NULL, -- entity, segment, region, product_group, controller, customer, group
    value       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    months      BYTEA NOT NULL, -- the month ends with their sales and aging, packed
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entity_id, dimension, value, currency)
);
