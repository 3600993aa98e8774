"""Shared fixtures: paths to the bundled example and the shared corpora, a fresh store."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kursk"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not present")
