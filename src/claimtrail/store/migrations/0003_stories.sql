-- Stories, their members, the user's editorial decisions, and the per-document
-- features clustering reads. Owner: stories/reconcile.

CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    title         TEXT,
    title_source  TEXT NOT NULL DEFAULT 'auto',   -- auto | user (a user title is never recomputed)
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One story per document. method 'user' = placed by a user decision (split): the
-- clustering never moves it again.
CREATE TABLE story_members (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id     INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score        REAL,                             -- similarity that placed it (NULL: founder)
    method       TEXT NOT NULL DEFAULT 'auto',     -- auto | user
    assigned_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX story_members_story ON story_members(story_id);

-- The user's decisions, in order, by the documents they concern, so that a rebuild of
-- the stories can replay them: rename (story's documents + title), merge (the union of
-- documents), split (the documents moved out).
CREATE TABLE story_decisions (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,                      -- rename | merge | split
    story_id   INTEGER,                            -- the story acted on (at the time)
    payload    TEXT NOT NULL,                      -- JSON: {"documents": [...], "title": ...}
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- What clustering needs of a document, computed once: weighted terms and named
-- entities (JSON {term: count}) and the mean word vector (float32 BLOB).
CREATE TABLE story_features (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    terms        TEXT NOT NULL,
    entities     TEXT NOT NULL,
    vector       BLOB,
    sentences    TEXT NOT NULL DEFAULT '[]'        -- JSON: hashes of long distinctive sentences
);
