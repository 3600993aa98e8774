"""Variables, timelines, conflicts, checks, reconciled estimates and the story ledger."""
from claimtrail.reconcile.ledger import build_ledger
from claimtrail.reconcile.markdown import render_markdown

__all__ = ["build_ledger", "render_markdown"]
