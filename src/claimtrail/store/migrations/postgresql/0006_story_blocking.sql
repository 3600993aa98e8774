-- What story assignment needs to place new documents without a pass over the store
-- (PostgreSQL; the SQLite twin, with the reasons, is ../0006_story_blocking.sql).

ALTER TABLE story_features ADD COLUMN day INTEGER;
ALTER TABLE story_features ADD COLUMN credit TEXT COLLATE "C";
ALTER TABLE story_features ADD COLUMN credit_explicit INTEGER;
ALTER TABLE story_members ADD COLUMN day INTEGER;
CREATE INDEX story_members_story_day ON story_members(story_id, day);

CREATE TABLE story_vocabulary (
    key  TEXT COLLATE "C" PRIMARY KEY,
    df   INTEGER NOT NULL
);

CREATE TABLE story_totals (
    name    TEXT COLLATE "C" PRIMARY KEY,
    count   INTEGER NOT NULL,
    vector  BYTEA
);

CREATE TABLE story_blocks (
    block        TEXT COLLATE "C" NOT NULL,
    document_id  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE,
    day          INTEGER
);
CREATE INDEX story_blocks_block_day ON story_blocks(block, day);
CREATE INDEX story_blocks_document ON story_blocks(document_id);
