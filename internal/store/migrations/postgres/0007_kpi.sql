-- 0007: KPIs: dated exchange rates, monthly snapshots of the receivables per
-- dimension, and the indexes the as-of queries read by (PostgreSQL).

-- 1 unit of from_currency is worth rate units of to_currency from date on
-- (until the pair's next rate). The rate is kept as the decimal text given,
-- so it converts exactly (kpi.ParseRate).
CREATE TABLE exchange_rates (
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    date          DATE NOT NULL,
    rate          TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (from_currency, to_currency, date)
);

-- One row per entity, month end, dimension value and currency: the month's
-- net credit sales and the aging at the end of the month, from the ledger's
-- history. Recomputed as a whole per entity (kredo kpi snapshot); trends
-- read them instead of the ledger.
CREATE TABLE kpi_snapshots (
    entity_id   BIGINT NOT NULL REFERENCES entities(id),
    month_end   DATE NOT NULL,
    dimension   TEXT NOT NULL, -- entity, segment, region, product_group, controller, customer, group
    value       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    sales       BIGINT NOT NULL, -- net credit sales in the month
    not_due     BIGINT NOT NULL, not_due_n BIGINT NOT NULL,
    d1_30       BIGINT NOT NULL, d1_30_n   BIGINT NOT NULL,
    d31_60      BIGINT NOT NULL, d31_60_n  BIGINT NOT NULL,
    d61_90      BIGINT NOT NULL, d61_90_n  BIGINT NOT NULL,
    d91_180     BIGINT NOT NULL, d91_180_n BIGINT NOT NULL,
    d181        BIGINT NOT NULL, d181_n    BIGINT NOT NULL,
    credits     BIGINT NOT NULL, credits_n BIGINT NOT NULL,
    disputed    BIGINT NOT NULL, disputed_n BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entity_id, dimension, value, currency, month_end)
);

-- Covering for the monthly sales (KPISales) and the items invoiced in a window.
CREATE INDEX invoices_entity_date ON invoices (entity_id, invoice_date, customer_id, product_group, currency, amount);
CREATE INDEX payments_entity_date ON payments (entity_id, date);
