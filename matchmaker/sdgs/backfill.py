"""The back-fill of SDG suggestions: each item's text read by a suggester that never learned from the item's own tags,
its goals kept as SdgSuggestionRecords. Only the records change: the goals people confirmed (the items' own link
tables) are never written here."""
import hashlib
from dataclasses import dataclass

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.sdgs import suggesting
from matchmaker.sdgs.models import ITEM_KINDS, SdgSuggestionRecord

BATCH_SIZE = 200  # items per transaction: a large register does not hold one long transaction
# Part of every text hash: records made another way (before, by the suggester that had learned from the item
# itself) hash differently, so the next back-fill makes them again instead of skipping them as unchanged.
MADE_BY = "held-out/1\n"


@dataclass
class BackfillCounts:
    read: int = 0
    changed: int = 0
    unchanged: int = 0


def text_hash(text: str) -> str:
    """The hash stored with an item's records: of its text and of the way the records were made."""
    return hashlib.sha256((MADE_BY + text).encode("utf-8", "surrogatepass")).hexdigest()


def _stored_hashes(kind: str, item_ids: list[int]) -> dict[int, str]:
    rows = db.session.execute(sa.select(SdgSuggestionRecord.item_id, SdgSuggestionRecord.text_hash)
                              .where(SdgSuggestionRecord.item_kind == kind,
                                     SdgSuggestionRecord.item_id.in_(item_ids)))
    return dict(rows.all())


def refresh_item(kind: str, item_id: int, text: str, stored_hash: str | None = None) -> bool:
    """Store the held-out suggester's goals for one item's text, replacing its records; skip it when its text hash is
    the one its records were made from. Flushes; returns whether anything changed."""
    digest = text_hash(text)
    if stored_hash == digest:
        return False
    records = {record.goal: record for record in db.session.scalars(
        sa.select(SdgSuggestionRecord).where(SdgSuggestionRecord.item_kind == kind,
                                             SdgSuggestionRecord.item_id == item_id))}
    suggestions = suggesting.suggest_held_out(text) if text.strip() else []
    wanted = {suggestion.number: suggestion for suggestion in suggestions}
    for goal, record in records.items():
        if goal not in wanted:
            db.session.delete(record)
    for goal, suggestion in wanted.items():
        record = records.get(goal) or SdgSuggestionRecord(item_kind=kind, item_id=item_id, goal=goal)
        record.confidence, record.targets = suggestion.confidence, list(suggestion.targets)
        record.reasons = list(suggestion.reasons)
        record.text_hash = digest
        db.session.add(record)
    db.session.flush()
    return bool(wanted) or bool(records)


def refresh_one(kind: str, item_id: int) -> bool:
    """Refresh one item's records from its current text (after its save). Flushes."""
    _model, _link, _column, key, texts = suggesting.ITEM_TEXTS[kind]
    row = db.session.execute(sa.select(*texts).where(key == item_id)).first()
    if row is None:
        return False
    stored = _stored_hashes(kind, [item_id]).get(item_id)
    return refresh_item(kind, item_id, suggesting.item_text(row), stored)


def backfill(kinds=ITEM_KINDS, batch_size: int = BATCH_SIZE) -> BackfillCounts:
    """Suggest goals for every item of `kinds`, hidden and draft ones too, committing every `batch_size` items.
    An item whose text is unchanged since its records were made is skipped, so a second run changes nothing."""
    counts = BackfillCounts()
    for kind in kinds:
        _model, _link, _column, key, texts = suggesting.ITEM_TEXTS[kind]
        last_id = None
        while True:
            query = sa.select(key, *texts).order_by(key).limit(batch_size)
            if last_id is not None:
                query = query.where(key > last_id)
            rows = db.session.execute(query).all()
            if not rows:
                break
            stored = _stored_hashes(kind, [row[0] for row in rows])
            for item_id, *parts in rows:
                counts.read += 1
                if refresh_item(kind, item_id, suggesting.item_text(parts), stored.get(item_id)):
                    counts.changed += 1
                else:
                    counts.unchanged += 1
            last_id = rows[-1][0]
            db.session.commit()
    return counts
