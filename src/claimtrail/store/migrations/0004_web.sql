-- Indexes for the dossier and the API. Owner: web.
-- Measured on 110,000 claims (benchmarks/web_bench.py, p50 on a loopback server):
-- /api/claims?min_value&since 153 -> 64 ms, /api/sources 172 -> 12-33 ms.

-- /api/claims?since=&until=: the as-of date is coalesce(time_end, time_start).
CREATE INDEX IF NOT EXISTS claims_as_of ON claims(coalesce(time_end, time_start));

-- /sources and /api/sources: per-source counts, documents and period without touching
-- the claim rows (covering), and claim counts per source and kind.
CREATE INDEX IF NOT EXISTS claims_source_stats ON claims(source_id, document_id, time_start, time_end);
CREATE INDEX IF NOT EXISTS claims_source_kind ON claims(source_id, kind);
