"""The ``claimtrail`` command: a thin layer over the library.

Each area registers its commands in its own module (ingest.py, extract.py, stories.py,
web.py); heavy imports (spaCy, trafilatura) happen inside the commands so that
``claimtrail --help`` stays fast.
"""
from __future__ import annotations

import importlib

import click

from claimtrail import __version__
from claimtrail.cli.common import ClaimtrailGroup


@click.group(cls=ClaimtrailGroup)
@click.version_option(__version__, prog_name="claimtrail")
def main() -> None:
    """A sourced ledger of every figure in a pile of news.

    \b
    Typical session:
      claimtrail ingest examples/kursk      # read, clean, dedupe, extract claims
      claimtrail stories                    # the stories found
      claimtrail story 1                    # the ledger of story 1
      claimtrail serve                      # the dossier in a browser
    """


for _module in ("ingest", "extract", "stories", "web"):
    try:
        importlib.import_module(f"claimtrail.cli.{_module}")
    except ModuleNotFoundError as exc:  # an area not built yet must not break the others
        if exc.name != f"claimtrail.cli.{_module}":
            raise
