"""Where the benchmarks find the shared corpora and scorer.

``CLAIMTRAIL_SHARED`` if set, else ``../shared`` beside the checkout when present, else
the copy vendored in ``vendor/shared`` (see vendor/README.md).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    if os.environ.get("CLAIMTRAIL_SHARED"):
        return Path(os.environ["CLAIMTRAIL_SHARED"])
    beside = ROOT.parent / "shared"
    return beside if (beside / "corpus").is_dir() else ROOT / "vendor" / "shared"


SHARED = _shared()
CORPUS = SHARED / "corpus"
