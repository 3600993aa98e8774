"""``claimtrail serve`` (the dossier in a browser) and ``claimtrail export``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from claimtrail.cli import main
from claimtrail.cli.common import db_option
from claimtrail.config import DEFAULT_HOST, DEFAULT_PORT
from claimtrail.errors import ClaimtrailError


def _existing_store(db_path: str) -> str:
    from claimtrail.store.connection import store_exists

    if not store_exists(db_path):
        raise ClaimtrailError("no store here", input=db_path,
                              hint="run `claimtrail ingest PATH --db FILE` first, or pass --db")
    return db_path


def _free_port(host: str, port: int) -> int:
    """``port`` (or a free one for 0) if this process can listen on it; else one clear
    error before the banner says the dossier is up."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as uvicorn does
            sock.bind((host, port))
            return int(sock.getsockname()[1])
    except OSError as exc:
        raise ClaimtrailError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                              code="port_busy",
                              hint="another program (or claimtrail serve) uses it: pass "
                                   "--port N, or --port 0 for a free one") from exc


@main.command()
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on. The default serves this machine only.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
def serve(db_path: str, host: str, port: int) -> None:
    """Open the dossier: stories, timelines, ledgers, articles, sources, search, log."""
    from claimtrail.web.app import serve as run

    _existing_store(db_path)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: serving on {host}: anyone who can reach it can read the store.",
                   err=True)
    port = _free_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    from claimtrail.store.postgres import redact

    click.echo(f"claimtrail dossier for {redact(db_path)} on http://{shown}:{port}/ "
               "(Ctrl+C stops it)")
    run(db_path, host, port)


@main.command("export")
@click.argument("story_id", type=click.IntRange(min=1))
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "json", "parquet"]),
              default="html", show_default=True, help="What to write.")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="File to write (default: story-ID.FORMAT; '-' for standard output).")
def export_cmd(story_id: int, fmt: str, db_path: str, output: str | None) -> None:
    """Export story STORY_ID: one emailable HTML file, CSV, Parquet or the JSON ledger."""
    from claimtrail.export import export_story
    from claimtrail.store.db import connect

    conn = connect(_existing_store(db_path))
    try:
        body = export_story(conn, story_id, fmt)
    finally:
        conn.close()
    if output == "-":
        if fmt == "parquet" and sys.stdout.isatty():
            raise ClaimtrailError("parquet is binary", hint="pass -o FILE")
        sys.stdout.buffer.write(body)
        return
    out = Path(output or f"story-{story_id}.{fmt}")
    out.write_bytes(body)
    click.echo(f"wrote {out} ({len(body):,} bytes)", err=True)
