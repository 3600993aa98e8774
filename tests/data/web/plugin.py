"""pytest fixtures over the fixture store, for the web test modules:

    pytest_plugins = ["data.web.plugin"]
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from data.web.fixture_store import CHROMIUM, CHROMIUM_ARGS, FixtureStories, build_fixture_store


@pytest.fixture(scope="module")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FixtureStories]:
    """A fresh fixture store (tests/data/web) and the provider of its ledgers."""
    path = tmp_path_factory.mktemp("webstore") / "fixture.db"
    return path, build_fixture_store(path)


@pytest.fixture(scope="module")
def web_app(web_store: tuple[Path, FixtureStories]) -> Any:
    from claimtrail.web.app import create_app

    path, provider = web_store
    return create_app(path, provider)


@pytest.fixture(scope="module")
def client(web_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (Playwright's own download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
