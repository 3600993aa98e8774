"""A story's dossier as the reader sees it: the one module the app's page and the HTML
export both render from (neither imports the other).

``dossier_context(ledger, documents)`` turns a ledger (docs/ledger.md) into what the
templates show: the story summary first (``summary``: per variable the current best
figure, who holds it, the range across origins, what changed, and each conflict with
both sides), then per variable its chart panels and one row per statement (repeated
mentions of one figure in one article are one row), each with its sentence, the figure
highlighted, the article and the source, and every flag in words.
"""
from __future__ import annotations

from typing import Any

from claimtrail.reconcile.summary import story_summary
from claimtrail.reconcile.wording import FLAG_WORDS, claim_value_words, rule_words, variable_label
from claimtrail.web.chart import chart_rows, in_panel, statements, vega_lite_spec
from claimtrail.web.render import display_title, finding_anchor

TABLE_ROWS = 300        # ledger rows shown per variable before "more in the API"
CHART_ROWS = 1500       # claims drawn per chart; beyond that, an even sample
FINDINGS = 100          # conflicts, and checks, listed per variable
FLAGS = 6               # flag badges shown per claim row
FINDING_CLAIMS = 40     # claim ids listed per conflict (a group may name hundreds)
SMALL = 3               # variables with at most this many statements get a small chart
ORIGINS_SHOWN = 6       # latest figures per origin shown in a summary line

CONFLICT_WORDS = {
    "same-moment": "conflict",
    "possible-rise": "conflict, possibly a rise",
    "fall": "conflict: a total fell",
    "same-period": "conflict over one period",
}


def sample(items: list[Any], n: int) -> list[Any]:
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def variable_summary(var: dict[str, Any]) -> dict[str, Any]:
    """A variable in a few numbers (the API's story endpoint and the page's header)."""
    claims = var.get("claims", [])
    origins = var.get("independent_origins")
    if origins is None:
        origins = len({(c.get("origin") or {}).get("id") or f"claim-{c.get('id')}"
                       for c in claims})
    return {"id": var.get("id"), "subject": var.get("subject"), "kind": var.get("kind"),
            "n_claims": len(claims), "n_statements": len(statements(claims)),
            "independent_origins": origins,
            "trend": (var.get("timeline") or {}).get("trend"),
            "conflicts": len(var.get("conflicts", [])),
            "failed_checks": sum(1 for c in var.get("checks", []) if c.get("ok") is False)}


def sentence_parts(claim: dict[str, Any]) -> tuple[str, str, str]:
    """The sentence split around the figure's words (all plain text, escaped later)."""
    sentence = claim.get("sentence") or ""
    quote = claim.get("quote") or ""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], quote, sentence[at + len(quote):]


def flag_notes(claim: dict[str, Any], section: int, listed: set[str],
               conflicts: dict[int, dict[str, Any]]) -> list[dict[str, str]]:
    """Each flag of a claim as a short label, its meaning in words and, for a conflict or
    check listed on the page, the anchor of its finding."""
    notes = []
    origin = claim.get("origin") or {}
    if origin.get("first_doc") and origin.get("first_doc") != claim.get("doc"):
        notes.append({"kind": "copy", "label": "copy", "title": FLAG_WORDS["copy"],
                      "anchor": ""})
    for flag in claim.get("flags") or []:
        kind, _, ident = str(flag).partition(":")
        anchor = finding_anchor(kind, section, ident) if ident else ""
        if anchor not in listed:
            anchor = ""
        if kind == "conflict":
            x = conflicts.get(int(ident)) if ident.isdigit() else None
            label = CONFLICT_WORDS.get(str((x or {}).get("kind")), "conflict")
            title = (x or {}).get("explanation") or FLAG_WORDS["conflict"]
        elif kind == "check":
            label, title = "check failed", FLAG_WORDS["check"]
        else:
            label = {"period": "period count"}.get(kind, kind)
            title = FLAG_WORDS.get(kind, kind)
        notes.append({"kind": kind if kind in FLAG_WORDS else "other", "label": label,
                      "title": title, "anchor": anchor})
    return notes


def _row(claim: dict[str, Any], section: int, listed: set[str],
         conflicts: dict[int, dict[str, Any]]) -> dict[str, Any]:
    lead, figure, tail = sentence_parts(claim)
    mentions = claim.get("mentions") or [claim.get("id")]
    return {"claim": claim, "value": claim_value_words(claim), "lead": lead,
            "figure": figure, "tail": tail, "mentions": len(mentions),
            "other_mentions": [m for m in mentions if m != claim.get("id")],
            "notes": flag_notes(claim, section, listed, conflicts)}


def _panels(var: dict[str, Any], documents: dict[str, dict[str, Any]], n: int,
            small: bool) -> list[dict[str, Any]]:
    """The variable's chart panels: levels, then flows (increments, period counts)."""
    out = []
    chart_var = dict(var, claims=sample(var.get("claims", []), CHART_ROWS))
    for panel in ("levels", "flows"):
        if not any(in_panel(c, panel) for c in chart_var["claims"]):
            continue
        rows, _ = chart_rows(chart_var, documents, panel)
        if not rows:
            continue
        out.append({"panel": panel, "id": f"{n}-{panel}", "var": chart_var,
                    "title": "Totals" if panel == "levels" else
                    "Increments and counts for a period (not totals)",
                    "spec": vega_lite_spec(chart_var, documents, panel=panel,
                                           height=110 if small else 220)})
    return out


def dossier_context(ledger: dict[str, Any], documents: dict[str, dict[str, Any]],
                    *, table_rows: int | None = TABLE_ROWS) -> dict[str, Any]:
    """What the dossier page and the HTML export both show of a ledger."""
    conflicts = {int(c["id"]): c for c in ledger.get("conflicts", []) if "id" in c}
    # a ledger written before the summary existed (a saved JSON, a fixture) gets one
    summary = ledger.get("summary") or story_summary(ledger.get("variables", []),
                                                     ledger.get("conflicts", []))
    heads = {h.get("variable"): h for h in summary.get("variables", [])}
    variables = []
    for i, var in enumerate(ledger.get("variables", []), start=1):
        shown = statements(var.get("claims", []))
        checks = sorted(var.get("checks", []), key=lambda c: c.get("ok") is True)[:FINDINGS]
        named = FINDING_CLAIMS if table_rows is not None else None   # the export: all
        var_conflicts = [dict(c, claims=(c.get("claims") or [])[:named],
                              more_claims=len(c.get("claims") or []) - len(
                                  (c.get("claims") or [])[:named]),
                              label=CONFLICT_WORDS.get(str(c.get("kind")), "conflict"))
                         for c in var.get("conflicts", [])[:FINDINGS]]
        listed = {finding_anchor("check", i, c.get("id")) for c in checks}
        listed |= {finding_anchor("conflict", i, c.get("id")) for c in var_conflicts}
        rows = shown if table_rows is None else shown[:table_rows]
        small = len(shown) <= SMALL
        variables.append({
            "n": i, "var": var, "summary": variable_summary(var),
            "label": variable_label(var), "headline": heads.get(var.get("id")),
            "small": small, "panels": _panels(var, documents, i, small),
            "rows": [_row(c, i, listed, conflicts) for c in rows],
            "hidden": 0 if table_rows is None else max(0, len(shown) - table_rows),
            "sampled": len(var.get("claims", [])) > CHART_ROWS,
            # Failed checks first: they are the news. The page lists the first FINDINGS
            # of each, and a conflict's first FINDING_CLAIMS claims; the JSON has all.
            "checks": [dict(c, rule_text=rule_words(c.get("rule"))) for c in checks],
            "conflicts": var_conflicts, "listed": listed,
            "more_findings": max(0, len(var.get("checks", [])) - FINDINGS)
            + max(0, len(var.get("conflicts", [])) - FINDINGS),
        })
    shown_ids = {r["claim"].get("id") for v in variables for r in v["rows"]}
    statement_of = {c.get("id"): c.get("statement", c.get("id"))
                    for v in ledger.get("variables", []) for c in v.get("claims", [])}
    flagged = [conflicts[i] for i in summary.get("conflicts", []) if i in conflicts]
    section_of = {v["var"].get("id"): v["n"] for v in variables}
    doc_titles = {d.get("id"): display_title(documents.get(d.get("id")) or d, d.get("id"))
                  for d in ledger["story"].get("documents", [])}
    doc_titles.update({k: display_title(d, k) for k, d in documents.items()})
    return {"ledger": ledger, "story": ledger["story"], "variables": variables,
            "doc_titles": doc_titles,
            "documents": documents, "flag_limit": FLAGS, "shown_claims": shown_ids,
            "statement_of": statement_of, "summary": summary,
            "headlines": [v["headline"] for v in variables if v["headline"]],
            "flagged": flagged, "section_of": section_of, "origins_shown": ORIGINS_SHOWN,
            "flag_words": FLAG_WORDS, "big": [v for v in variables if not v["small"]],
            "small": [v for v in variables if v["small"]]}
