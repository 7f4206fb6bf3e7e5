"""The SDG suggester of this platform: the engine's SdgSuggester built from the reference tables (the UN's texts and
the Aurora phrases that `flask load-sdgs` loaded) and from the goals people chose for their own texts, kept per
process and built again when the reference or the tagged items change; and the held-out suggesters whose stored
suggestions the coordinators' review compares with an item's tags, none of which learned from that item."""
import hashlib
import threading
import time

import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, profile_sdgs
from matchmaker.challenges.models import Challenge, challenge_sdgs
from matchmaker.engine.sdg_reference import GoalText, IndicatorText, QueryPhrase, SdgReference, TargetText
from matchmaker.engine.sdgs import SdgSuggester, SdgSuggestion
from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative, initiative_sdgs
from matchmaker.offers.models import Offer, offer_sdgs
from matchmaker.reference.models import SDG, SDGIndicator, SDGQueryPhrase, SDGTarget

TEXT_MAX = 10_000  # characters a suggestion reads; the API refuses longer texts
EXAMPLES_MAX_AGE = 600  # seconds before the people's own choices are read again
EXAMPLES_MAX = 5_000  # the newest tagged texts of each kind that feed the suggester
# The examples are split into this many folds by their text; an item's stored suggestions come from the suggester
# that learned from every fold but its text's own, so its own tags (and those of any copy of its text) never vouch
# for themselves. Five builds per process instead of one per item; each still learns from four fifths of the tags.
HELD_OUT_FOLDS = 5

_lock = threading.Lock()
_built: dict = {}  # {key: {"signature": ..., "at": monotonic seconds, "suggester": SdgSuggester}}; key None: all


def reference_from_database() -> SdgReference:
    """The reference tables as the engine reads them."""
    goals = tuple(GoalText(sdg.number, sdg.name_en, sdg.name_it, sdg.statement_en or "", sdg.statement_it or "")
                  for sdg in db.session.scalars(sa.select(SDG).order_by(SDG.number)))
    targets = tuple(TargetText(row.code, row.goal, row.text_en, row.text_it)
                    for row in db.session.scalars(sa.select(SDGTarget).order_by(SDGTarget.goal, SDGTarget.position)))
    indicators = tuple(IndicatorText(row.code, row.target, row.text_en)
                       for row in db.session.scalars(sa.select(SDGIndicator).order_by(SDGIndicator.code)))
    phrases = tuple(QueryPhrase(row.goal, row.target, row.phrase, row.language)
                    for row in db.session.scalars(sa.select(SDGQueryPhrase).order_by(SDGQueryPhrase.id)))
    return SdgReference(goals, targets, indicators, phrases)


# Each kind of item: its model, its confirmed-tags link table and column, its key, and the columns its text is made of.
ITEM_TEXTS = {
    "challenge": (Challenge, challenge_sdgs, "challenge_id", Challenge.id, (Challenge.title, Challenge.summary)),
    "offer": (Offer, offer_sdgs, "offer_id", Offer.id, (Offer.title, Offer.description)),
    "initiative": (Initiative, initiative_sdgs, "initiative_id", Initiative.id,
                   (Initiative.title, Initiative.summary)),
    "profile": (AcademicProfile, profile_sdgs, "user_id", AcademicProfile.user_id, (AcademicProfile.biography,)),
}


def item_text(parts) -> str:
    """An item's text as the suggester reads it, from its text columns' values."""
    return " ".join(part for part in parts if part)


def confirmed_examples() -> list[tuple[str, set[int]]]:
    """The texts people wrote with the goals they chose for them: challenges, offers, profiles and initiatives."""
    examples = []
    for _model, link, column, key, texts in ITEM_TEXTS.values():
        newest = sa.select(key).where(key.in_(sa.select(link.c[column]))).order_by(key.desc()).limit(EXAMPLES_MAX)
        rows = db.session.execute(sa.select(key, *texts).where(key.in_(newest)))
        tags: dict[int, set[int]] = {}
        for item_id, number in db.session.execute(sa.select(link.c[column], link.c.sdg_number)
                                                  .where(link.c[column].in_(newest))):
            tags.setdefault(item_id, set()).add(number)
        for item_id, *parts in rows:
            text = item_text(parts)
            if text.strip() and tags.get(item_id):
                examples.append((text, tags[item_id]))
    return examples


def fold_of(text: str) -> int:
    """The fold of an item's text (as `item_text` makes it): the same text is always in the same fold."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT_FOLDS


def _signature() -> tuple:
    counts = [sa.select(sa.func.count()).select_from(model) for model in (SDGTarget, SDGIndicator, SDGQueryPhrase)]
    statements = sa.select(sa.func.sum(sa.func.length(SDG.statement_en) + sa.func.length(SDG.statement_it)))
    return tuple(db.session.scalar(query) for query in [*counts, statements])


def _cached(key: int | None, read_examples) -> SdgSuggester:
    """The suggester kept under `key`, built again (with `read_examples()`) when the reference changed or it is old."""
    signature = _signature()
    with _lock:
        kept = _built.get(key, {})
        fresh = time.monotonic() - kept.get("at", float("-inf")) < EXAMPLES_MAX_AGE
        if kept.get("signature") == signature and fresh:
            return kept["suggester"]
        built = SdgSuggester(reference_from_database(), examples=read_examples())
        _built[key] = {"signature": signature, "at": time.monotonic(), "suggester": built}
        return built


def suggester() -> SdgSuggester:
    """This process's suggester, built again when the reference changed or its examples are old."""
    return _cached(None, confirmed_examples)


def held_out_suggester(text: str) -> SdgSuggester:
    """The suggester that learned from every confirmed example except those in `text`'s fold: it never saw the
    tags of an item with this text. Kept per process like `suggester`."""
    fold = fold_of(text)
    return _cached(fold, lambda: [(example, goals) for example, goals in confirmed_examples()
                                  if fold_of(example) != fold])


def forget() -> None:
    """Build the suggesters again at their next use (after a load, and between tests)."""
    with _lock:
        _built.clear()


def suggest(text: str, language: str | None = None) -> list[SdgSuggestion]:
    """The goals the forms and the API suggest: from the suggester that learned from every tagged item."""
    return suggester().suggest(text[:TEXT_MAX], language=language)


def suggest_held_out(text: str) -> list[SdgSuggestion]:
    """The goals stored for an item with this text (`item_text`), which the review compares with its tags: from a
    suggester that never learned from the item's own tags."""
    return held_out_suggester(text).suggest(text[:TEXT_MAX])
