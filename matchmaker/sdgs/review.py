"""The coordinators' review of SDG tags: the items whose confirmed goals disagree strongly with the stored
suggestions, and the untagged items that have suggestions. The rule is one pure function, `disagreement`."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.sdgs import suggesting
from matchmaker.sdgs.models import ITEM_KINDS, SdgSuggestionRecord

STRONG = 0.8  # a suggestion this confident that is not tagged is a strong disagreement
PER_PAGE = 25

MISSING_STRONG = "missing_strong"  # a goal suggested with confidence >= STRONG is not among the confirmed ones
NONE_SUGGESTED = "none_suggested"  # no confirmed goal is suggested at all, while one suggestion is >= STRONG
UNTAGGED = "untagged"  # no confirmed goal, and the suggester has suggestions


def disagreement(confirmed: set[int], suggested: dict[int, float]) -> list[str]:
    """Why an item is listed (empty: it is not): its confirmed goals against its suggestions {goal: confidence}."""
    if not confirmed:
        return [UNTAGGED] if suggested else []
    reasons = []
    strong = {goal for goal, confidence in suggested.items() if confidence >= STRONG}
    if strong - confirmed:
        reasons.append(MISSING_STRONG)
    if strong and not confirmed & set(suggested):
        reasons.append(NONE_SUGGESTED)
    return reasons


@dataclass
class ReviewRow:
    kind: str
    item_id: int
    title: str
    confirmed: list[int]
    suggestions: list[SdgSuggestionRecord] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _title_columns(kind: str):
    model, _link, _column, key, texts = suggesting.ITEM_TEXTS[kind]
    if kind == "profile":
        from matchmaker.auth.models import User
        return sa.select(key, User.name).join(User, User.id == key)
    return sa.select(key, model.title)


def review_rows(kinds=ITEM_KINDS) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """(disagreeing, untagged with suggestions), each ordered by kind and item id. Coordinators see every item."""
    disagreeing, untagged = [], []
    for kind in kinds:
        _model, link, column, key, _texts = suggesting.ITEM_TEXTS[kind]
        by_item: dict[int, list[SdgSuggestionRecord]] = {}
        for record in db.session.scalars(sa.select(SdgSuggestionRecord).where(SdgSuggestionRecord.item_kind == kind)
                                         .order_by(SdgSuggestionRecord.item_id, SdgSuggestionRecord.confidence.desc())):
            by_item.setdefault(record.item_id, []).append(record)
        if not by_item:
            continue
        confirmed: dict[int, set[int]] = {}
        for item_id, number in db.session.execute(sa.select(link.c[column], link.c.sdg_number)
                                                  .where(link.c[column].in_(list(by_item)))):
            confirmed.setdefault(item_id, set()).add(number)
        titles = dict(db.session.execute(_title_columns(kind).where(key.in_(list(by_item)))).all())
        for item_id, records in sorted(by_item.items()):
            if item_id not in titles:
                continue  # the item is gone; its records are stale
            goals = confirmed.get(item_id, set())
            reasons = disagreement(goals, {record.goal: record.confidence for record in records})
            if reasons:
                row = ReviewRow(kind, item_id, titles[item_id] or "", sorted(goals), records, reasons)
                (untagged if reasons == [UNTAGGED] else disagreeing).append(row)
    return disagreeing, untagged
