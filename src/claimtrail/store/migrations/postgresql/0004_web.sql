-- Indexes for the dossier and the API (PostgreSQL; twin: ../0004_web.sql).
CREATE INDEX IF NOT EXISTS claims_as_of ON claims((coalesce(time_end, time_start)));
CREATE INDEX IF NOT EXISTS claims_source_stats ON claims(source_id, document_id, time_start, time_end);
CREATE INDEX IF NOT EXISTS claims_source_kind ON claims(source_id, kind);
