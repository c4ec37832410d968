-- 0012: on PostgreSQL, the foreign keys of payments, allocations,
-- bank_transactions and customer_ibans became checks once per statement
-- (see migrations/postgres/0012). SQLite keeps its declared foreign keys:
-- there a check is an index probe in the same process and costs nothing
-- measurable. Nothing changes here; the number is kept so that both
-- dialects have the same migrations.
SELECT 1;
