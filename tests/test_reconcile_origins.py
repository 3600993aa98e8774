"""Origins and conflicts at scale: the sorted origin assignment gives exactly what the
pairwise reference (claimtrail.stories.origins) gives, and conflicts among many
disagreeing reports are groups, not every pair."""
from __future__ import annotations

import random

from claimtrail.reconcile.claims import RClaim
from claimtrail.reconcile.conflicts import find_conflicts
from claimtrail.reconcile.estimate import estimate
from claimtrail.reconcile.ledger import same_figure
from claimtrail.reconcile.origins import assign_origins
import reference_origins as reference

CLAIMANTS = [None, None, "UK Ministry of Defence", "Kremlin", "kremlin ", "Pentagon"]


def _claim(i: int, rng: random.Random, docs: int) -> RClaim:
    doc = rng.randrange(docs)
    low = float(rng.choice([100, 500, 1000, 1050, 2000, 5000, 5200, 12000]))
    shape = rng.random()
    high: float | None = low if shape < 0.6 else None if shape < 0.8 else low * 1.5
    lowest: float | None = None if shape > 0.95 else low
    claimant = rng.choice(CLAIMANTS)
    c = RClaim(id=i, doc=f"d{doc}", doc_order=doc, published=f"2025-01-{1 + doc % 28:02d}",
               sentence="s", span=(0, 1), quote=None, low=lowest, high=high,
               qualifier=rng.choice(["exact", "approx", "at_least", "vague"]), unit="people",
               kind="personnel", subject="troops",
               source={"name": claimant} if claimant else None, time_start=None,
               time_end=None, time_text=None, place=None)
    c.variable = rng.choice(["a/personnel", "b/personnel"])
    c.increment = rng.random() < 0.15
    c.period_count = rng.random() < 0.1
    return c


def test_sorted_origins_equal_the_pairwise_reference() -> None:
    for seed in range(60):
        rng = random.Random(seed)
        docs = rng.randint(1, 12)
        claims = [_claim(i, rng, docs) for i in range(1, rng.randint(2, 90))]
        # copy groups: documents joined to an earlier one now and then
        root = {f"d{d}": f"d{rng.randrange(d + 1) if rng.random() < 0.4 else d}"
                for d in range(docs)}
        aliases = {"d0": ["d0-alias"]}
        twins = [RClaim(**{k: getattr(c, k) for k in RClaim.__dataclass_fields__})
                 for c in claims]
        reference.assign_origins(twins, root, same_figure, aliases)  # type: ignore[arg-type]
        assign_origins(claims, root, aliases)
        for ours, theirs in zip(claims, twins, strict=True):
            assert (ours.origin, ours.copies, ours.independent_origins) == \
                (theirs.origin, theirs.copies, theirs.independent_origins), (seed, ours.id)


def _report(i: int, low: float, claimant: str | None, doc: str, day: str) -> RClaim:
    c = RClaim(id=i, doc=doc, doc_order=i, published=day, sentence="s", span=None,
               quote=None, low=low, high=low, qualifier="exact", unit="people",
               kind="casualties", subject="troops",
               source={"name": claimant} if claimant else None, time_start=None,
               time_end=None, time_text=None, place=None)
    c.variable = "x-troops/casualties"
    return c


def test_many_disagreeing_reports_are_one_conflict_not_every_pair() -> None:
    # 300 reports of one week: 150 say 1,000 and 150 say 5,000 (a pairwise rule
    # gave 22,500 conflicts)
    claims = [_report(i, 1000 if i % 2 else 5000, None, f"doc{i}", "2025-03-10")
              for i in range(1, 301)]
    assign_origins(claims, {})
    (conflict,) = find_conflicts(claims, "x-troops/casualties", 1)
    assert sorted(conflict.claims) == list(range(1, 301))
    assert "same moment" in conflict.reason and "300 claims" in conflict.reason
    assert len(conflict.reason) < 600
    # agreeing reports make none
    same = [_report(i, 5000, None, f"doc{i}", "2025-03-10") for i in range(1, 301)]
    assign_origins(same, {})
    assert find_conflicts(same, "x-troops/casualties", 1) == []


def test_weeks_apart_a_rise_is_no_conflict_and_a_fall_is_one_group() -> None:
    early = [_report(i, 5000, "Kremlin", f"a{i}", "2025-01-01") for i in range(1, 4)]
    rise = [_report(i, 8000, "Pentagon", f"b{i}", "2025-02-01") for i in range(4, 7)]
    claims = early + rise
    assign_origins(claims, {})
    assert find_conflicts(claims, "x-troops/casualties", 1) == []
    fall = [_report(i, 700, "Russian MoD", f"c{i}", "2025-03-01") for i in range(7, 10)]
    claims += fall
    assign_origins(claims, {})
    (conflict,) = find_conflicts(claims, "x-troops/casualties", 1)
    assert "fell" in conflict.reason
    # the falls and every earlier figure they fell below, each named once
    assert sorted(conflict.claims) == list(range(1, 10))


def test_an_older_lower_total_is_superseded_unless_it_conflicts() -> None:
    old = _report(1, 4000, "South Korea", "a", "2025-03-08")
    new = _report(2, 5000, "UK Ministry of Defence", "b", "2025-03-10")
    assign_origins([old, new], {})
    (period,) = estimate([old, new], {})
    assert period["superseded"] == [1] and period["agreed"]
    (period,) = estimate([old, new], {1: {7}, 2: {7}})
    assert period["superseded"] == [] and not period["agreed"]
    assert period["disagreeing"] in ([1], [2])


def _pairwise_flagged(claims: list[RClaim], growing: bool, losses: bool) -> set[int]:
    """The claims the pairwise rule (the ledger before groups) put in a conflict."""
    from claimtrail.reconcile.claims import (
        compatible,
        periods_overlap,
        same_moment,
        same_place,
        widened,
    )
    from claimtrail.reconcile.timeline import comparable, order_key

    def rivals(a: RClaim, b: RClaim) -> bool:
        if a.origin.get("id") == b.origin.get("id") or compatible(a, b) \
                or not same_place(a, b) or a.scope != b.scope:
            return False
        for part, whole in ((a, b), (b, a)):
            if (part.scope_place or part.place) and not (whole.scope_place or whole.place) \
                    and widened(part)[1] < widened(whole)[0]:
                return False
        return not (a.doc == b.doc and not a.claimant and not b.claimant)

    ordered = sorted((c for c in claims if comparable(c)), key=order_key)
    flagged: set[int] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if not rivals(a, b):
                continue
            if growing:
                fell = losses and widened(b)[1] < widened(a)[0] and a.as_of and b.as_of \
                    and a.as_of < b.as_of
                # ...or the same as-of day, however each is dated (reconcile/explain.py)
                hit = fell or same_moment(a, b) or bool(a.as_of and a.as_of == b.as_of)
            else:
                hit = periods_overlap(a, b)
            if hit:
                flagged |= {a.id, b.id}
    return flagged


def test_groups_flag_exactly_the_claims_the_pairwise_rule_flagged() -> None:
    for seed in range(200):
        rng = random.Random(seed)
        kind = rng.choice(["casualties", "personnel", "killed", "other"])
        claims = []
        for i in range(1, rng.randint(3, 45)):
            day = rng.randint(1, 60)
            pub = f"2025-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}"
            low = float(rng.choice([100, 500, 1000, 1100, 3000, 5000, 5100, 9000]))
            qualifier = rng.choice(["exact", "approx", "at_least"])
            explicit = rng.random() < 0.3
            source = rng.choice([None, "A", "B", "C", "D"])
            c = RClaim(id=i, doc=f"d{rng.randrange(8)}", doc_order=i, published=pub,
                       sentence="troops were", span=None, quote=None, low=low,
                       high=None if qualifier == "at_least" else low, qualifier=qualifier,
                       unit="people", kind=kind, subject="troops",
                       source={"name": source} if source else None,
                       time_start=pub if explicit else None,
                       time_end=(f"2025-03-{rng.randint(1, 28):02d}" if rng.random() < 0.3
                                 else pub) if explicit else None,
                       time_text=None, place=rng.choice([None, None, "Kursk", "Donetsk"]))
            c.variable = f"x/{kind}"
            c.scope = frozenset(rng.choice([[], [], ["standby"]]))
            claims.append(c)
        assign_origins(claims, {})
        growing = kind != "other"
        found = find_conflicts(claims, f"x/{kind}", 1)
        got = {i for x in found for i in x.claims}
        assert got == _pairwise_flagged(claims, growing, kind in ("casualties", "killed")), seed
        assert all(len(x.claims) >= 2 for x in found)
