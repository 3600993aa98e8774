-- The lookup key of each source name (the extractor's normalise_name), stored so that
-- "UK officials" finds "U.K. officials" with an index rather than a Python function
-- inside SQL, which PostgreSQL cannot call. Rows stored before this migration get
-- their key on the next write of claims (store.claims._backfill_name_keys). Owner: store.
ALTER TABLE sources ADD COLUMN name_key TEXT;
CREATE INDEX sources_by_name_key ON sources(name_key);
