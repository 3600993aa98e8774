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


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    """A rich table at a terminal; plain tab-separated lines when piped."""
    if not sys.stdout.isatty():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join("" if row.get(c) is None else str(row.get(c)) for c in columns))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(table)
