"""The curated word lists of ``claimtrail/data`` (kinds, sources), loaded once."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    text = (resources.files("claimtrail") / "data" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class KindLexicon:
    nouns: dict[str, str]
    verbs: dict[str, str]
    adjectives: dict[str, str]
    phrases: dict[str, str]
    military_people: frozenset[str]
    people: frozenset[str]
    territory_units: frozenset[str]
    share_verbs_skip: frozenset[str]
    containers: frozenset[str]
    total_verbs: frozenset[str]
    not_figures: frozenset[str]
    equipment_nouns: frozenset[str]
    weapon_modifiers: frozenset[str]
    body_verbs: frozenset[str]
    body_nouns: frozenset[str]
    deploy_verbs: frozenset[str]
    counted_people: frozenset[str]
    people_verbs: frozenset[str]
    dual_use_nouns: frozenset[str]
    military_context: frozenset[str]


@lru_cache(maxsize=1)
def kinds() -> KindLexicon:
    raw = _load("kinds.json")
    return KindLexicon(
        nouns=raw["nouns"], verbs=raw["verbs"], adjectives=raw["adjectives"],
        phrases=raw["phrases"], military_people=frozenset(raw["military_people"]),
        people=frozenset(raw["people"]), territory_units=frozenset(raw["territory_units"]),
        share_verbs_skip=frozenset(raw["share_verbs_skip"]),
        containers=frozenset(raw["containers"]), total_verbs=frozenset(raw["total_verbs"]),
        not_figures=frozenset(raw["not_figures"]),
        equipment_nouns=frozenset(raw["equipment_nouns"]),
        weapon_modifiers=frozenset(raw["weapon_modifiers"]),
        body_verbs=frozenset(raw["body_verbs"]), body_nouns=frozenset(raw["body_nouns"]),
        deploy_verbs=frozenset(raw["deploy_verbs"]),
        counted_people=frozenset(raw["counted_people"]),
        people_verbs=frozenset(raw["people_verbs"]),
        dual_use_nouns=frozenset(raw["dual_use_nouns"]),
        military_context=frozenset(raw["military_context"]),
    )


def normalise_name(text: str) -> str:
    """The key under which a source name is looked up: case, accents, apostrophes,
    a leading 'the', 'defense' vs 'defence' and punctuation do not matter."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = text.replace("defense", "defence").replace("u.s.", "us").replace("u.k.", "uk")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"^(?:the)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def incident_groups() -> tuple[frozenset[str], frozenset[str]]:
    """The perpetrator nouns and force nouns of data/clauses.json (the groups an incident
    total adds up, and the attackers counted as a force)."""
    raw = _load("clauses.json")
    return frozenset(raw["perpetrator_nouns"]), frozenset(raw["force_nouns"])


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Normalised names of countries, regions and cities (data/places.json)."""
    return frozenset(normalise_name(p) for p in _load("places.json")["places"])


def is_place(words: str) -> bool:
    return normalise_name(words) in places()


@dataclass(frozen=True)
class SourceEntry:
    name: str
    type: str


@lru_cache(maxsize=1)
def source_aliases() -> dict[str, SourceEntry]:
    """normalised alias (and canonical name) -> its canonical entry."""
    table: dict[str, SourceEntry] = {}
    for name, body in _load("sources.json").items():
        if name.startswith("_"):
            continue
        entry = SourceEntry(name, body.get("type", "org"))
        table[normalise_name(name)] = entry
        for alias in body.get("aliases", []):
            table.setdefault(normalise_name(alias), entry)
    return table
