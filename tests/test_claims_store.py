"""Sources in the store: one row per source whatever its spelling."""
from __future__ import annotations


from claimtrail.extract.lexicon import normalise_name
from claimtrail.models import Source
from claimtrail.store.claims import upsert_source
from claimtrail.store.db import connect


def test_spellings_of_one_source_share_a_row(store_url: str) -> None:
    conn = connect(store_url)
    a = upsert_source(conn, Source("U.K. officials", mention="U.K. officials", type="unnamed"),
                      normalise_name)
    b = upsert_source(conn, Source("UK officials", mention="UK Officials"), normalise_name)
    c = upsert_source(conn, Source("Ukrainian officials", mention="Ukrainian officials"),
                      normalise_name)
    assert a == b != c
    mentions = {r[0] for r in conn.execute(
        "SELECT mention FROM source_mentions WHERE source_id = ?", (a,))}
    assert mentions == {"U.K. officials", "UK officials", "UK Officials"}


def test_sources_stored_before_their_keys_are_keyed_on_the_next_write(store_url: str) -> None:
    conn = connect(store_url)
    conn.execute("INSERT INTO sources(name, type) VALUES ('U.K. officials', 'unnamed')")
    b = upsert_source(conn, Source("UK officials", mention="UK officials"), normalise_name)
    assert b == conn.execute("SELECT id FROM sources WHERE name = 'U.K. officials'").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM sources WHERE name_key IS NULL").fetchone()[0] == 0
