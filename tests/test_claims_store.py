"""Sources in the store: one row per source whatever its spelling."""
from __future__ import annotations

from pathlib import Path

from claimtrail.models import Source
from claimtrail.store.claims import upsert_source
from claimtrail.store.db import connect


def test_spellings_of_one_source_share_a_row(db_path: Path) -> None:
    conn = connect(db_path)
    a = upsert_source(conn, Source("U.K. officials", mention="U.K. officials", type="unnamed"))
    b = upsert_source(conn, Source("UK officials", mention="UK Officials"))
    c = upsert_source(conn, Source("Ukrainian officials", mention="Ukrainian officials"))
    assert a == b != c
    mentions = {r[0] for r in conn.execute(
        "SELECT mention FROM source_mentions WHERE source_id = ?", (a,))}
    assert mentions == {"U.K. officials", "UK officials", "UK Officials"}
