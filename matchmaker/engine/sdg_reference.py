"""The SDG reference texts: goals and targets in English and Italian, indicators, and the Aurora query phrases.

Read from the folder of the shared SDG data (its path is given, never shipped); the lead loads the same
dataclasses into the database, so their fields stay as they are.
"""
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

_AURORA = "{http://aurora-network.global/queries/namespace/}"
_DUBLIN_CORE = "{http://dublincore.org/documents/dcmi-namespace/}"
# A phrase of an Aurora query line is what stands between double quotes; "*" marks a truncated word.
_QUOTED = re.compile(r'"([^"]+)"')
# "http://metadata.un.org/sdg/1.2" names target 1.2; ".../sdg/17" names the goal alone.
_TARGET_URI = re.compile(r"/sdg/(\d{1,2})\.([0-9a-z]{1,2})\s*$")
_REFUSED_MARKUP = (b"<!DOCTYPE", b"<!ENTITY")


@dataclass(frozen=True)
class GoalText:
    number: int
    name_en: str
    name_it: str
    statement_en: str
    statement_it: str


@dataclass(frozen=True)
class TargetText:
    code: str
    goal: int
    text_en: str
    text_it: str


@dataclass(frozen=True)
class IndicatorText:
    code: str
    target: str
    text_en: str


@dataclass(frozen=True)
class QueryPhrase:
    goal: int
    target: str | None
    phrase: str
    language: str


@dataclass(frozen=True)
class SdgReference:
    goals: tuple[GoalText, ...]
    targets: tuple[TargetText, ...]
    indicators: tuple[IndicatorText, ...]
    phrases: tuple[QueryPhrase, ...]


def _read_json(path: Path) -> list[dict]:
    if not path.exists():
        raise ValueError(f"{path} is missing.")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path} is not a list.")
    return data


def parse_aurora_query(content: bytes) -> tuple[QueryPhrase, ...]:
    """The quoted phrases of one Aurora query file, each with its goal and (where the query names one) target.

    A document type or entity declaration is refused before parsing, so no entity is ever expanded.
    """
    if any(marker in content for marker in _REFUSED_MARKUP):
        raise ValueError("An Aurora query file may not declare a document type or entities.")
    # With no document type there is no entity to expand (the attacks defusedxml guards against need one),
    # and the engine keeps to the standard library.
    root = ElementTree.fromstring(content, parser=ElementTree.XMLParser())  # noqa: S314
    goal = next((int(node.text.strip()) for node in root.iter(f"{_DUBLIN_CORE}identifier")
                 if node.get("type") == "sdg" and (node.text or "").strip().isdigit()), None)
    if goal is None:
        raise ValueError("An Aurora query file names no SDG.")
    phrases: list[QueryPhrase] = []
    seen: set[tuple[str | None, str]] = set()
    for definition in root.iter(f"{_AURORA}query-definition"):
        target = None
        for node in definition.iter(f"{_DUBLIN_CORE}identifier"):
            found = _TARGET_URI.search(node.text or "") if node.get("type") == "uri" else None
            if found and int(found.group(1)) == goal:
                target = f"{goal}.{found.group(2)}"
        for line in definition.iter(f"{_AURORA}query-line"):
            for phrase in _QUOTED.findall(line.text or ""):
                phrase = " ".join(phrase.split()).lower()
                if phrase and (target, phrase) not in seen:
                    seen.add((target, phrase))
                    phrases.append(QueryPhrase(goal, target, phrase, "en"))
    return tuple(phrases)


def read_reference(folder: Path) -> SdgReference:
    """goals-en.json, goals-it.json, indicators-en.json and aurora/query_SDG*.xml of `folder`."""
    folder = Path(folder)
    english = {int(goal["goal"]): goal for goal in _read_json(folder / "goals-en.json")}
    italian = {int(goal["goal"]): goal for goal in _read_json(folder / "goals-it.json")}
    goals, targets = [], []
    for number in sorted(english):
        en, it = english[number], italian.get(number, {})
        goals.append(GoalText(number, en["title"], it.get("title", en["title"]), en["text"],
                              it.get("text", en["text"])))
        italian_targets = {target["id"]: target["text"] for target in it.get("targets", [])}
        targets.extend(TargetText(target["id"], number, target["text"],
                                  italian_targets.get(target["id"], target["text"]))
                       for target in en["targets"])
    indicators = tuple(IndicatorText(row["id"], row["target"], row["text"])
                       for row in _read_json(folder / "indicators-en.json"))
    phrases: list[QueryPhrase] = []
    for path in sorted((folder / "aurora").glob("query_SDG*.xml"),
                       key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        phrases.extend(parse_aurora_query(path.read_bytes()))
    return SdgReference(tuple(goals), tuple(targets), indicators, tuple(phrases))
