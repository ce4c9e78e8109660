-- AI call ledger indexes for the monthly budget and the admin's figures. Twin of
-- sqlite/0004_ai_calls_by_tenant.sql (ai_calls_by_tenant exists since 0001; this only states it).
CREATE INDEX IF NOT EXISTS ai_calls_by_tenant ON ai_calls (tenant_id, created_at);
CREATE INDEX ai_calls_by_level ON ai_calls (level, created_at);
