-- Sources and claims. Owner: extract.

-- Canonical sources across the corpus ("GUR" = "Ukraine's military intelligence agency").
CREATE TABLE sources (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    type  TEXT                                  -- person | org | gpe | media | unnamed
);
CREATE TABLE source_mentions (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    mention    TEXT NOT NULL,
    UNIQUE (source_id, mention)
);

CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,           -- order within the document
    sentence        TEXT NOT NULL,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    span_start      INTEGER,                    -- the figure's offsets in documents.text
    span_end        INTEGER,
    quote           TEXT,
    low             REAL,
    high            REAL,
    qualifier       TEXT NOT NULL,
    unit            TEXT,
    kind            TEXT NOT NULL,
    subject         TEXT,
    source_id       INTEGER REFERENCES sources(id),
    source_mention  TEXT,
    source_via      TEXT,
    time_text       TEXT,
    time_start      TEXT,
    time_end        TEXT,
    place           TEXT,
    derived         INTEGER NOT NULL DEFAULT 0,
    derived_from    TEXT,
    UNIQUE (document_id, seq)
);
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_source ON claims(source_id);

-- Which documents have been through extraction, and with which extractor version, so
-- an interrupted or repeated ingest extracts each document exactly once.
CREATE TABLE extractions (
    document_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    extractor     TEXT NOT NULL,
    n_claims      INTEGER NOT NULL,
    extracted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
