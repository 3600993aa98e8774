-- What story assignment needs to place new documents without a pass over the store:
-- candidates come from an inverted index of blocking keys (a document's rarest names
-- and terms, and its MinHash LSH bands) within a time window, and the TF-IDF weights
-- and the vector centring come from running totals. Owner: stories.
-- Portable SQL (SQLite and PostgreSQL): ALTER TABLE ... ADD COLUMN, plain indexes.

-- publication day (a proleptic ordinal; NULL when unknown) of a document with features,
-- and of a story member, so that a story's members nearest in time are read by index
ALTER TABLE story_features ADD COLUMN day INTEGER;
-- the original source the document credits ('reuters' from a dateline, a site from an
-- "Original Source:" line; NULL: none), and whether explicitly (1) or by house style (0)
ALTER TABLE story_features ADD COLUMN credit TEXT;
ALTER TABLE story_features ADD COLUMN credit_explicit INTEGER;
ALTER TABLE story_members ADD COLUMN day INTEGER;
CREATE INDEX story_members_story_day ON story_members(story_id, day);

-- document frequency of each term ('t:' + word) and name ('e:' + name) over the
-- documents with features
CREATE TABLE story_vocabulary (
    key  TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

-- running totals over the documents with features: 'documents' (count) and 'vectors'
-- (count of documents with a word vector, and the float32 sum of those vectors)
CREATE TABLE story_totals (
    name    TEXT PRIMARY KEY,
    count   INTEGER NOT NULL,
    vector  BLOB
);

-- the inverted index: one row per blocking key of a document ('e:kursk', 't:brigade',
-- 'b7:3f09c1a2e4d5b6c7' for LSH band 7; 's:1234567' for copy detection: per long sentence
-- its smallest 8-gram hashes, shared by a sentence copied verbatim or nearly), with the
-- document's day for the time window
CREATE TABLE story_blocks (
    block        TEXT NOT NULL,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    day          INTEGER
);
CREATE INDEX story_blocks_block_day ON story_blocks(block, day);
CREATE INDEX story_blocks_document ON story_blocks(document_id);
