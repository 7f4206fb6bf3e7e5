"""The coordinators' review of SDG tags: the items whose confirmed goals disagree strongly with the stored
suggestions, and the untagged items that have suggestions. The rule is one pure function, `disagreement`; the page's
query picks, counts and pages the same items in SQL."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.sdgs import suggesting
from matchmaker.sdgs.models import ITEM_KINDS, SdgSuggestionRecord

# A suggestion this confident that is not tagged is a strong disagreement. The stored suggestions come from a
# suggester that never learned from the item (its own tags no longer vouch for it): on the demo data 0.65 lists
# 4 of the 136 items, where 0.55 also listed texts whose common words ("cambia", "misurare") met a goal by chance.
STRONG = 0.65
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


@dataclass
class ReviewPage:
    disagreeing: list[ReviewRow]
    untagged: list[ReviewRow]
    disagreeing_total: int
    untagged_total: int
    more: bool


def _title_select(kind: str) -> sa.Select:
    """(kind's order, kind, item id, title) of every item of `kind` that exists."""
    model, _link, _column, key, _texts = suggesting.ITEM_TEXTS[kind]
    labels = (sa.cast(sa.literal(ITEM_KINDS.index(kind)), sa.Integer).label("kind_order"),
              sa.cast(sa.literal(kind), sa.String(12)).label("kind"), key.label("item_id"))
    if kind == "profile":
        from matchmaker.auth.models import User
        return sa.select(*labels, User.name.label("title")).join(User, User.id == key)
    return sa.select(*labels, model.title.label("title"))


def _candidates(kind: str, untagged: bool) -> sa.Select:
    """The items of `kind` that `disagreement` lists, said in SQL: untagged ones with any suggestion, or tagged ones
    with a suggestion of at least STRONG that is not among their tags (which is what both tagged reasons need)."""
    _model, link, column, key, _texts = suggesting.ITEM_TEXTS[kind]
    record = SdgSuggestionRecord
    own = sa.and_(record.item_kind == kind, record.item_id == key)
    tagged = sa.exists().where(link.c[column] == key)
    if untagged:
        return _title_select(kind).where(~tagged, sa.exists().where(own))
    tagged_as_suggested = sa.exists().where(link.c[column] == record.item_id, link.c.sdg_number == record.goal)
    strong_untagged = sa.exists().where(own, record.confidence >= STRONG, ~tagged_as_suggested)
    return _title_select(kind).where(tagged, strong_untagged)


def _rows(candidates: list) -> list[ReviewRow]:
    """The candidates with their confirmed goals, suggestions (most confident first) and the reasons they are
    listed, read for these items only."""
    rows = []
    for kind in ITEM_KINDS:
        ids = [candidate.item_id for candidate in candidates if candidate.kind == kind]
        if not ids:
            continue
        _model, link, column, _key, _texts = suggesting.ITEM_TEXTS[kind]
        confirmed: dict[int, set[int]] = {}
        for item_id, number in db.session.execute(sa.select(link.c[column], link.c.sdg_number)
                                                  .where(link.c[column].in_(ids))):
            confirmed.setdefault(item_id, set()).add(number)
        suggestions: dict[int, list[SdgSuggestionRecord]] = {}
        for record in db.session.scalars(sa.select(SdgSuggestionRecord)
                                         .where(SdgSuggestionRecord.item_kind == kind,
                                                SdgSuggestionRecord.item_id.in_(ids))
                                         .order_by(SdgSuggestionRecord.confidence.desc(), SdgSuggestionRecord.goal)):
            suggestions.setdefault(record.item_id, []).append(record)
        for candidate in candidates:
            if candidate.kind == kind:
                goals, records = confirmed.get(candidate.item_id, set()), suggestions.get(candidate.item_id, [])
                reasons = disagreement(goals, {record.goal: record.confidence for record in records})
                rows.append(ReviewRow(kind, candidate.item_id, candidate.title or "", sorted(goals), records, reasons))
    order = {(candidate.kind, candidate.item_id): position for position, candidate in enumerate(candidates)}
    return sorted(rows, key=lambda row: order[row.kind, row.item_id])


def _listed(kinds, untagged: bool, page: int, per_page: int) -> tuple[list[ReviewRow], int]:
    """One page of the disagreeing (or the untagged) items of `kinds`, by kind and item id, and how many there are."""
    candidates = sa.union_all(*(_candidates(kind, untagged) for kind in kinds)).subquery()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(candidates)) or 0
    shown = db.session.execute(sa.select(candidates).order_by(candidates.c.kind_order, candidates.c.item_id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
    return _rows(shown), total


def review_page(kinds=ITEM_KINDS, page: int = 1, per_page: int = PER_PAGE) -> ReviewPage:
    """Page `page` of the disagreeing items and of the untagged items with suggestions, each ordered by kind and
    item id; SQL picks, orders, counts and pages them, `disagreement` says why each is listed. Coordinators see
    every item."""
    kinds = [kind for kind in ITEM_KINDS if kind in kinds]
    disagreeing, disagreeing_total = _listed(kinds, untagged=False, page=page, per_page=per_page)
    untagged, untagged_total = _listed(kinds, untagged=True, page=page, per_page=per_page)
    return ReviewPage(disagreeing, untagged, disagreeing_total, untagged_total,
                      more=max(disagreeing_total, untagged_total) > page * per_page)
