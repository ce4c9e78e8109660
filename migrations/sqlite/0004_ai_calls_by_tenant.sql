-- AI call ledger (issue 4): indexes for the monthly budget and the admin's figures.
--
-- The budget sums a tenant's cost_micro_usd since the start of the month: ai_calls_by_tenant
-- (tenant_id, created_at) already exists since 0001, so this only states it (IF NOT EXISTS).
-- The ledger summary takes each level's median latency over a time range: ai_calls_by_level.
CREATE INDEX IF NOT EXISTS ai_calls_by_tenant ON ai_calls (tenant_id, created_at);
CREATE INDEX ai_calls_by_level ON ai_calls (level, created_at);
