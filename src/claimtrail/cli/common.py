"""What every command shares: the --db and --json options, output and errors."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from claimtrail.config import DEFAULT_DB
from claimtrail.errors import ClaimtrailError


class ClaimtrailGroup(click.Group):
    """Turns a ClaimtrailError into one clean line (or the JSON error shape) and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimtrailError as exc:
            if _wants_json():
                click.echo(json.dumps(exc.to_dict()), err=True)
            else:
                click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


def _wants_json() -> bool:
    return "--json" in sys.argv or "--format=json" in sys.argv


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        envvar="CLAIMTRAIL_DB", type=click.Path(dir_okay=False),
                        help="The store: a SQLite file, or a PostgreSQL URL "
                             "(postgresql://user@host/db).")(func)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON instead of a table.")(func)


def listing_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|csv|json`` and ``--wide`` for a listing command. They are kept in
    the click context, so the command's own signature does not change; print_table
    honours them (``--format json`` is the command's ``--json``)."""
    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.meta[str(param.name)] = value
        return value

    func = click.option("--wide", "listing_wide", is_flag=True, expose_value=False,
                        callback=remember, help="Every column, however wide.")(func)
    return click.option("--format", "listing_format", expose_value=False, callback=remember,
                        type=click.Choice(["table", "csv", "json"]), default="table",
                        show_default=True,
                        help="A table, CSV (one row per line, for spreadsheets) or JSON.")(func)


def _listing(name: str) -> Any:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(f"listing_{name}") if ctx is not None else None


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None,
                *, narrow: list[str] | None = None) -> None:
    """A rich table at a terminal (``narrow`` columns unless ``--wide``, fitted to the
    terminal's width, 80 columns at least); plain tab-separated lines when piped; CSV
    or JSON with ``--format``."""
    fmt = _listing("format")
    if fmt == "json":
        print_json([{c: row.get(c) for c in columns} for row in rows])
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        return
    if narrow and not _listing("wide"):
        columns = narrow
    if not sys.stdout.isatty():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join("" if row.get(c) is None else str(row.get(c)) for c in columns))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=title, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)
    if narrow and columns == narrow:
        console.print("[dim]--wide for every column, --format csv or --json for all "
                      "fields[/dim]")
