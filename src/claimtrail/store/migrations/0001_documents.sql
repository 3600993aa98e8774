-- Documents, their copies, and the ingest log. Owner: ingest/store.

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,            -- file name, URL, or container#n
    title          TEXT,
    outlet         TEXT,
    url            TEXT,
    published      TEXT,                        -- ISO date/datetime; NULL = unknown
    published_from TEXT,                        -- metadata | html | filename | manifest | feed | warc
    language       TEXT,
    origin         TEXT,                        -- credited original source
    author         TEXT,
    text           TEXT NOT NULL,               -- clean body text
    content_hash   TEXT NOT NULL UNIQUE,        -- sha256 of the normalised text
    input          TEXT NOT NULL,               -- path or URL it came from
    format         TEXT NOT NULL,
    extra          TEXT NOT NULL DEFAULT '{}',  -- JSON
    ingested_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX documents_published ON documents(published);

-- Exact copies (same normalised content, e.g. a re-crawl): stored once, every other
-- id that carried it is kept here.
CREATE TABLE document_aliases (
    alias        TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    input        TEXT,
    published    TEXT,
    seen_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX document_aliases_doc ON document_aliases(document_id);

-- Copy links between stored documents: near-duplicates, syndication, rewrites.
-- document_id is the later (or the copy), copy_of the earlier (or the original).
CREATE TABLE copies (
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    copy_of      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity   REAL,                          -- estimated Jaccard, 0..1
    method       TEXT NOT NULL,                 -- minhash | credit | shared-sentences | ...
    PRIMARY KEY (document_id, copy_of, method)
);
CREATE INDEX copies_copy_of ON copies(copy_of);

-- MinHash signatures, so near-duplicate detection is incremental across ingests.
CREATE TABLE minhashes (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    num_perm     INTEGER NOT NULL,
    signature    BLOB NOT NULL
);

CREATE TABLE ingest_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at  TEXT,
    inputs       TEXT NOT NULL,                 -- JSON list of what the user passed
    added        INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    copies       INTEGER NOT NULL DEFAULT 0,    -- added documents linked as near-copies
    skipped      INTEGER NOT NULL DEFAULT 0,    -- already stored (a re-run)
    stories_done INTEGER NOT NULL DEFAULT 0     -- 1 once its documents went to assign_stories
);

-- One row per input item and outcome: ok | duplicate | copy | skipped | error.
-- (A re-run logs nothing for documents it finds already stored unchanged.)
CREATE TABLE ingest_log (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER REFERENCES ingest_runs(id) ON DELETE SET NULL,
    input        TEXT NOT NULL,
    stage        TEXT NOT NULL,                 -- read | fetch | parse | clean | store | extract
    status       TEXT NOT NULL,
    reason       TEXT,
    document_id  TEXT,
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX ingest_log_status ON ingest_log(status);
CREATE INDEX ingest_log_run ON ingest_log(run_id);
CREATE INDEX ingest_log_document ON ingest_log(document_id);

-- Full-text search over title and body (external content: documents).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
