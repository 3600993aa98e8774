"""Full-text search over documents, with each database's own engine.

SQLite: the FTS5 table ``documents_fts`` (porter stemmer, bm25). PostgreSQL: the
``documents_search`` tsvector (english configuration, GIN index, ``ts_rank``). Both take
the user's words as literals that must all occur (a trailing ``*`` makes a prefix), so
no typed query is a syntax error; ``raw`` passes the query to the engine's own syntax
(FTS5 MATCH, or PostgreSQL's ``websearch_to_tsquery``: "phrases", OR, -word).

Rows carry ``id, title, outlet, url, published, origin, copies, snippet, rank``; rank is
lower-is-better on both (SQLite's bm25, minus PostgreSQL's ts_rank).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimtrail.errors import BadInput
from claimtrail.store.connection import Connection
from claimtrail.store.errors import OperationalError

_WORD = re.compile(r"\S+")
_COPIES_OF = "(SELECT count(*) FROM copies c WHERE c.copy_of = d.id)"
_COLUMNS = "d.id, d.title, d.outlet, d.url, d.published, d.origin"


@dataclass(frozen=True)
class Snippet:
    """How to cut the snippet: the markers around matches, its length, the ellipsis, and
    whether it may come from the title too (SQLite: the best column) or the body only."""

    mark: tuple[str, str] = ("«", "»")
    tokens: int = 16
    ellipsis: str = "…"
    body_only: bool = False


def user_terms(text: str) -> list[tuple[str, bool]]:
    """The user's words as (word, is_prefix); punctuation-only words index nothing."""
    terms = []
    for word in _WORD.findall(text.replace("\x00", " ")):
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        core = word.rstrip("*") if prefix else word
        if any(ch.isalnum() for ch in core):
            terms.append((core, prefix))
    return terms


def fts5_query(terms: list[tuple[str, bool]]) -> str:
    """Every word a quoted FTS5 literal, all required."""
    return " ".join('"' + w.replace('"', '""') + '"' + ("*" if p else "") for w, p in terms)


def tsquery_text(terms: list[tuple[str, bool]]) -> str:
    """Every word a quoted tsquery lexeme (stemmed by to_tsquery), all required; inner
    punctuation splits a word into a phrase, as FTS5's tokenizer does."""
    parts = []
    for word, prefix in terms:
        pieces = re.findall(r"\w+", word)
        if not pieces:
            continue
        lexemes = ["'" + p.replace("'", "''") + "'" for p in pieces]
        if prefix:
            lexemes[-1] += ":*"
        parts.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


def search(conn: Connection, query: str, *, limit: int = 20, offset: int = 0,
           raw: bool = False, snippet: Snippet = Snippet(),
           title_weight: float = 2.0) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first, with snippets (see the module docstring)."""
    terms = user_terms(query)
    if not raw and not terms:
        raise BadInput("the search query has no words", input=query,
                       hint="give at least one word to look for")
    if raw and not query.replace("\x00", " ").strip():
        raise BadInput("the search query has no words", input=query,
                       hint="give at least one word to look for")
    if conn.dialect == "postgresql":
        return _search_postgres(conn, query, terms, limit, offset, raw, snippet)
    return _search_sqlite(conn, query, terms, limit, offset, raw, snippet, title_weight)


def count(conn: Connection, query: str, *, raw: bool = False) -> int:
    """How many documents match ``query`` (0 for a query with no words)."""
    terms = user_terms(query)
    if not terms and not raw:
        return 0
    if conn.dialect == "postgresql":
        where, params = _pg_match(query, terms, raw)
        return int(conn.execute(f"SELECT count(*) FROM documents_search s WHERE {where}",
                                params).fetchone()[0])
    match = query.replace("\x00", " ").strip() if raw else fts5_query(terms)
    return int(conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                            (match,)).fetchone()[0])


def _search_sqlite(conn: Connection, query: str, terms: list[tuple[str, bool]], limit: int,
                   offset: int, raw: bool, snippet: Snippet, title_weight: float
                   ) -> list[dict[str, Any]]:
    match = query.replace("\x00", " ").strip() if raw else fts5_query(terms)
    column = 1 if snippet.body_only else -1
    try:
        rows = conn.execute(
            f"SELECT {_COLUMNS}, {_COPIES_OF} AS copies,"
            f" snippet(documents_fts, {column}, ?, ?, ?, ?) AS snippet,"
            " bm25(documents_fts, ?, 1.0) AS rank"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank, d.rowid LIMIT ? OFFSET ?",
            (snippet.mark[0], snippet.mark[1], snippet.ellipsis, snippet.tokens, title_weight,
             match, limit, offset)).fetchall()
    except OperationalError as exc:
        if not raw:
            raise
        raise BadInput(f"invalid FTS5 query: {exc}", input=query,
                       hint="fix the FTS5 syntax, or drop --raw to search the words as typed"
                       ) from exc
    return [dict(r) for r in rows]


def _pg_match(query: str, terms: list[tuple[str, bool]], raw: bool) -> tuple[str, list[Any]]:
    if raw:
        return ("s.search @@ websearch_to_tsquery('english', ?)",
                [query.replace("\x00", " ").strip()])
    return "s.search @@ to_tsquery('english', ?)", [tsquery_text(terms)]


def _search_postgres(conn: Connection, query: str, terms: list[tuple[str, bool]], limit: int,
                     offset: int, raw: bool, snippet: Snippet) -> list[dict[str, Any]]:
    tsquery = ("websearch_to_tsquery('english', ?)" if raw else "to_tsquery('english', ?)")
    param = query.replace("\x00", " ").strip() if raw else tsquery_text(terms)
    options = (f'StartSel="{snippet.mark[0]}", StopSel="{snippet.mark[1]}",'
               f" MaxWords={snippet.tokens}, MinWords={max(1, snippet.tokens // 2)},"
               f' MaxFragments=1, FragmentDelimiter="{snippet.ellipsis}", ShortWord=0')
    # rank the matches on the index first, then cut snippets for the page only
    rows = conn.execute(
        f"WITH q AS (SELECT {tsquery} AS query),"
        " hits AS (SELECT s.document_rowid, ts_rank(s.search, q.query, 1) AS score"
        " FROM documents_search s, q WHERE s.search @@ q.query"
        " ORDER BY score DESC, s.document_rowid LIMIT ? OFFSET ?)"
        f" SELECT {_COLUMNS}, {_COPIES_OF} AS copies,"
        " ts_headline('english', d.text, q.query, ?) AS snippet, -hits.score AS rank"
        " FROM hits JOIN documents d ON d.rowid = hits.document_rowid, q"
        " ORDER BY hits.score DESC, d.rowid",
        (param, limit, offset, options)).fetchall()
    return [dict(r) for r in rows]
