"""Shared fixtures: paths to the bundled example and the vendored corpora, a fresh store.

The corpora are vendored in ``vendor/shared`` (see vendor/README.md), so no test depends
on anything outside the checkout. ``CLAIMTRAIL_SHARED=DIR`` points them at another copy.

With ``CLAIMTRAIL_NO_SKIP=1`` (set by .ci/run) a skipped test fails the run: a missing
browser or corpus must be an error in CI, never a silent skip.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer, PostgresUnavailable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kursk"
SHARED = Path(os.environ.get("CLAIMTRAIL_SHARED") or ROOT / "vendor" / "shared")
CORPUS = SHARED / "corpus"

if not (CORPUS / "ukraine-news").is_dir():
    raise pytest.UsageError(
        f"the test corpora are missing at {CORPUS}: restore vendor/shared from git "
        "or point CLAIMTRAIL_SHARED at a copy of shared/")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


STORES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (per xdist worker), stopped at the end."""
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=STORES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store lives, once per store: a SQLite file, then a fresh
    PostgreSQL database; the same behaviour tests run on both."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if (os.environ.get("CLAIMTRAIL_NO_SKIP") == "1" and report.skipped
            and not hasattr(report, "wasxfail")):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CLAIMTRAIL_NO_SKIP=1 (CI allows no skip): {reason}"


@pytest.fixture(scope="session")
def spark_session():  # type: ignore[no-untyped-def]
    """One Spark local[2] session for the whole test session (a JVM takes ~15 s to
    start): UI off, bound to 127.0.0.1, two shuffle partitions (engine/spark.py)."""
    pytest.importorskip("pyspark", reason="the Spark tests need claimtrail[spark]: "
                                          "scripts/install --test installs it")
    from claimtrail.engine.spark import start_session

    session = start_session("local[2]")
    yield session
    session.stop()
