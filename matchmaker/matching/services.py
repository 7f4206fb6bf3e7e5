"""The bridge between the pure matching engine and the product: items from rows, the index's life, stored matches.

The only module that connects matchmaker.engine.matcher to the database and to Flask.
- One engine per process (per app), loaded from the saved index under instance/matching/ when there is one,
  otherwise built from the database. Every save writes a new version folder and then points
  instance/matching/CURRENT at it; a process whose engine is older than CURRENT reloads it before answering, so
  several gunicorn workers and the RQ worker converge on the last saved index.
- The other features publish events (matchmaker.events); once their transaction has committed, matching's
  subscribers enqueue `refresh_item` (matchmaker.jobs), which updates the engine incrementally and recomputes that
  item's stored matches in a transaction of its own: inline, or on the RQ queue when REDIS_URL is set. The index
  never holds what a rolled-back transaction wrote.
- Pages read the Match table (fast); a full recomputation rebuilds the index from the database and refills it.
- Who takes part: the index holds nothing of an unconfirmed academic, nor the challenges of a suspended or rejected
  organisation. An academic who declined to be suggested to organisations stays in it (their own "challenges for
  you" need them), and every answer given to someone outside the university leaves them out through
  `permissions.suggestable_academics`.
Services flush; the request, CLI command or job commits.
"""
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import Session, contains_eager, selectinload

from matchmaker.academics.models import AcademicProfile, Publication
from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.engine import highlight
from matchmaker.engine.matcher import Facts, Item, MatchingEngine, Suggestion, Team, key_id
from matchmaker.extensions import db
from matchmaker.jobs import enqueue, job, queued
from matchmaker.matching.models import Dismissal, DismissalSide, Match, MatchingRun, MatchTarget, RunKind
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import STOPPED_ORGANISATION, can, suggestable_academics, visible_challenges
from matchmaker.reference.models import Department, Scale
from matchmaker.types import utcnow

log = logging.getLogger(__name__)

TOP_K = 10  # stored per challenge (offers and academics) and per academic and offer (challenges)
SEARCH_DEPTH = 300  # how many ranked keys a list page's search box narrows to
HOME_CITY = "Torino"
KEEP_VERSIONS = 2
SAVE = "matching_save"


# --- items from the database --------------------------------------------------------------------------------

def _city_of(challenge: Challenge) -> str:
    """The challenge's city, for "works in …": its place, unless that is a neighbourhood of the organisation's city.

    "Barriera di Milano, Torino" gives Torino; a neighbourhood-scale place without a city ("Mirafiori Sud")
    is taken to be in the organisation's city; no place at all means the organisation's city.
    """
    place, city = (challenge.place or "").strip(), challenge.organisation.city or ""
    if "," in place:
        place = place.rsplit(",", 1)[1].strip()
    if not place or (city and city.casefold() in place.casefold()):
        return city
    if any(name in place.casefold() for name in ("torino", "turin")):
        return HOME_CITY
    return city if challenge.scale is Scale.NEIGHBOURHOOD else place


def challenge_item(challenge: Challenge) -> Item | None:
    """The challenge as the engine sees it; None for drafts, hidden ones and those of a suspended or rejected
    organisation (not in the demand index)."""
    if challenge.status is ChallengeStatus.DRAFT or challenge.is_hidden \
            or challenge.organisation.status in STOPPED_ORGANISATION:
        return None
    expired = challenge.deadline is not None and challenge.deadline < date.today()
    body = "\n\n".join(part for part in (challenge.summary, challenge.description, challenge.resources) if part)
    return Item(
        key=f"challenge:{challenge.id}", kind="challenge",
        fields={"title": challenge.title, "keywords": ", ".join(challenge.keywords or []), "body": body},
        facts=Facts(sdgs=frozenset(s.number for s in challenge.sdgs), kind=challenge.kind.value,
                    city=_city_of(challenge), scale=challenge.scale.value,
                    available=challenge.status is ChallengeStatus.OPEN and not expired, deadline=challenge.deadline))


def _takes_part(user: User) -> bool:
    """An academic's texts are matched once their account is active and their address confirmed."""
    return user.active and user.email_verified


def offer_item(offer: Offer) -> Item | None:
    """The offer as the engine sees it; None when hidden, closed or its author does not take part."""
    if offer.is_hidden or offer.status is OfferStatus.CLOSED or not _takes_part(offer.academic):
        return None
    over = offer.available_until is not None and offer.available_until < date.today()
    return Item(
        key=f"offer:{offer.id}", kind="offer", owner=offer.academic_id,
        fields={"title": offer.title, "keywords": ", ".join(offer.keywords or []), "body": offer.description},
        facts=Facts(sdgs=frozenset(s.number for s in offer.sdgs), kind=offer.kind.value,
                    available=offer.status is OfferStatus.OPEN and not over, capacity=offer.capacity))


def profile_item(profile: AcademicProfile) -> Item | None:
    """The academic's profile: their expertise and biography, and the facts that describe the person; None until
    they take part (an unconfirmed address proves nothing: confirming it brings them in)."""
    if not _takes_part(profile.user):
        return None
    return Item(
        key=f"profile:{profile.user_id}", kind="profile", owner=profile.user_id,
        fields={"keywords": ", ".join(profile.expertise or []), "body": profile.biography or ""},
        facts=Facts(sdgs=frozenset(s.number for s in profile.sdgs), city=HOME_CITY,
                    available=profile.available, capacity=profile.capacity_per_semester,
                    department=profile.department.code))


def publication_item(publication: Publication) -> Item:
    return Item(key=f"publication:{publication.id}", kind="publication", owner=publication.user_id,
                fields={"title": publication.title, "body": publication.abstract or ""})


def _taking_part():
    return sa.and_(User.active.is_(True), User.email_verified_at.is_not(None))


def load_items() -> list[Item]:
    """Every challenge, offer, profile and publication that takes part in matching, as engine items."""
    challenges = db.session.scalars(sa.select(Challenge).join(Challenge.organisation).where(
        Challenge.status != ChallengeStatus.DRAFT, Challenge.hidden_at.is_(None),
        Organisation.status.not_in(STOPPED_ORGANISATION)))
    offers = db.session.scalars(sa.select(Offer).where(Offer.status != OfferStatus.CLOSED, Offer.hidden_at.is_(None)))
    profiles = db.session.scalars(sa.select(AcademicProfile).join(AcademicProfile.user).where(_taking_part())
                                  .options(contains_eager(AcademicProfile.user)))
    publications = db.session.scalars(
        sa.select(Publication).join(AcademicProfile).join(User, User.id == AcademicProfile.user_id)
        .where(_taking_part()))
    items = [challenge_item(c) for c in challenges] + [offer_item(o) for o in offers]
    items += [profile_item(p) for p in profiles] + [publication_item(p) for p in publications]
    return [item for item in items if item is not None]


# --- the engine of this process ------------------------------------------------------------------------------

class _State:
    def __init__(self) -> None:
        self.engine: MatchingEngine | None = None
        self.version: str | None = None
        self.lock = threading.RLock()


def _state() -> _State:
    return current_app.extensions.setdefault("matching", _State())


def index_folder() -> Path | None:
    """Where the index is saved: MATCHING_INDEX_DIR, else instance/matching; tests keep it in memory."""
    configured = current_app.config.get("MATCHING_INDEX_DIR")
    if configured:
        return Path(configured)
    return None if current_app.testing else Path(current_app.instance_path) / "matching"


def _saved_version(folder: Path | None) -> str | None:
    try:
        return (folder / "CURRENT").read_text().strip() or None if folder else None
    except FileNotFoundError:
        return None


def get_engine() -> MatchingEngine:
    """This process's engine, (re)loaded from the last saved index, or built from the database."""
    state = _state()
    with state.lock:
        folder = index_folder()
        saved = _saved_version(folder)
        if state.engine is not None and (saved is None or saved == state.version):
            return state.engine
        if saved is not None:
            try:
                state.engine, state.version = MatchingEngine.load(folder / saved), saved
                return state.engine
            except (OSError, ValueError, KeyError, EOFError) as error:
                log.warning("The saved matching index %s could not be read (%s): rebuilding it", saved, error)
        return build_index()


def build_index() -> MatchingEngine:
    """Fit a new engine on everything visible in the database; it is saved after the commit."""
    state = _state()
    with state.lock:
        state.engine = MatchingEngine().build(load_items())
        db.session.info[SAVE] = True
        return state.engine


def save_index() -> None:
    """Write this process's engine as a new version and point CURRENT at it; keep the last few versions."""
    state = _state()
    folder = index_folder()
    if folder is None or state.engine is None:
        return
    with state.lock:
        version = f"v{time.time_ns()}-{os.getpid()}"
        state.engine.save(folder / version)
        pointer = folder / f"CURRENT.{os.getpid()}"
        pointer.write_text(version)
        os.replace(pointer, folder / "CURRENT")
        state.version = version
    for old in sorted(folder.glob("v*"), key=lambda path: path.name)[:-KEEP_VERSIONS]:
        if old.name != version:
            shutil.rmtree(old, ignore_errors=True)


def index_status() -> dict:
    """Sizes and drift of the two halves of the index, for the coordinators' page."""
    engine = get_engine()
    return {"challenges": len(engine.demand), "supply": len(engine.supply), "drift": max(
        engine.demand.drift, engine.supply.drift), "needs_refit": engine.needs_refit, "version": _state().version}


@sa.event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    if session.info.pop(SAVE, False) and has_app_context():
        save_index()


@sa.event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop(SAVE, None)


# --- one item changed --------------------------------------------------------------------------------------

def item_changed(kind: str, item_id: int) -> None:
    """Refresh a challenge, offer or profile ("profile", user id: its publications too) after the caller commits.

    Called by matching's subscribers (matching/subscribers.py), which run once the change is committed. Matching
    never stops a save: outside tests, a failed refresh is logged and recorded, and the next full recomputation
    repairs it.
    """
    enqueue("refresh_item", kind, item_id)


def organisation_changed(organisation_id: int) -> None:
    """After an organisation's status changed: its challenges leave the index when it is suspended or rejected,
    with their stored matches, and come back, recomputed, when it is verified."""
    challenge_ids = list(db.session.scalars(sa.select(Challenge.id).where(
        Challenge.organisation_id == organisation_id, Challenge.status != ChallengeStatus.DRAFT)))
    for challenge_id in challenge_ids:
        item_changed("challenge", challenge_id)


def academic_changed(user_id: int) -> None:
    """After an academic's account started taking part (their address confirmed): their profile, publications and
    offers enter the index and get their stored matches."""
    offer_ids = list(db.session.scalars(sa.select(Offer.id).where(Offer.academic_id == user_id)))
    item_changed("profile", user_id)
    for offer_id in offer_ids:
        item_changed("offer", offer_id)


def _failed_run(kind: str):
    """What a failed matching job leaves behind: a failed run of its kind, for the coordinators' page."""
    return lambda error: record_failed_run(kind, f"{type(error).__name__}: {error}")


@job(on_failure=_failed_run("item"))
def refresh_item(kind: str, item_id: int) -> int:
    """Update the index for one changed item and recompute its stored matches; the number of rows. Flushes."""
    run = MatchingRun(kind=RunKind.ITEM, started_at=utcnow(), items=1)
    engine = get_engine()
    with _state().lock:
        owner = None
        if kind == "challenge":
            challenge = db.session.get(Challenge, item_id)
            _put(engine, f"challenge:{item_id}", challenge_item(challenge) if challenge else None)
        elif kind == "offer":
            offer = db.session.get(Offer, item_id)
            previous = engine.items.get(f"offer:{item_id}")
            owner = offer.academic_id if offer else previous.owner if previous else None
            _put(engine, f"offer:{item_id}", offer_item(offer) if offer else None)
        elif kind == "profile":
            _sync_academic_texts(engine, item_id)
        else:
            raise ValueError(f"Unknown kind of item: {kind!r}")
        if engine.needs_refit:
            # A refit changes every vocabulary and idf, so every stored score: all are recomputed, and the
            # changed item is scored with its own words (a new challenge's words enter the vocabulary now).
            engine.refit()
            count = _store_all_rows(engine)
        elif kind == "challenge":
            count = _refresh_challenge(engine, item_id)
        elif kind == "offer":
            count = _refresh_offer(engine, item_id)
            if owner is not None:
                count += _refresh_academic(engine, owner)
        else:
            count = _refresh_academic(engine, item_id)
    db.session.info[SAVE] = True
    run.matches, run.finished_at = count, utcnow()
    db.session.add(run)
    db.session.flush()
    return count


def _put(engine: MatchingEngine, key: str, item: Item | None) -> None:
    """Upsert or remove one item; an unchanged one is left alone (no growth of the side segment)."""
    current = engine.items.get(key)
    if item is None:
        engine.remove(key)
    elif current is None or (current.fields, current.facts, current.owner) != (item.fields, item.facts, item.owner):
        engine.upsert(item)


def _sync_academic_texts(engine: MatchingEngine, user_id: int) -> None:
    """The profile and the publications of one academic, as they are now in the database."""
    profile = db.session.get(AcademicProfile, user_id)
    item = profile_item(profile) if profile else None
    _put(engine, f"profile:{user_id}", item)
    wanted = {p.id: publication_item(p) for p in (profile.publications if item else [])}
    for key in [k for k in engine.texts_of.get(user_id, set()) if k.startswith("publication:")]:
        if key_id(key) not in wanted:
            engine.remove(key)
    for publication_id, publication in wanted.items():
        _put(engine, f"publication:{publication_id}", publication)


def _refresh_challenge(engine: MatchingEngine, challenge_id: int) -> int:
    """Replace the challenge's rows with its best offers and academics; re-rank those it leaves."""
    before = _targets_of_challenge(challenge_id)
    db.session.execute(sa.delete(Match).where(Match.challenge_id == challenge_id))
    rows = _rows_for_challenge(engine, challenge_id, _challenge_side_dismissals(challenge_id))
    count = _upsert(rows)
    now = {(row["target_type"], row["offer_id"] or row["academic_id"]) for row in rows}
    for target_type, target_id in before - now:
        if target_type is MatchTarget.ACADEMIC:
            count += _upsert(_rows_for_academic(engine, target_id, _target_side_dismissals(MatchTarget.ACADEMIC,
                                                                                           target_id)))
        else:
            count += _upsert(_rows_for_offer(engine, target_id, _target_side_dismissals(MatchTarget.OFFER,
                                                                                        target_id)))
    return count


def _refresh_academic(engine: MatchingEngine, academic_id: int) -> int:
    before = set(db.session.scalars(sa.select(Match.challenge_id).where(Match.academic_id == academic_id)))
    db.session.execute(sa.delete(Match).where(Match.academic_id == academic_id))
    rows = _rows_for_academic(engine, academic_id, _target_side_dismissals(MatchTarget.ACADEMIC, academic_id))
    return _upsert(rows) + _rerank_challenges(engine, before - {row["challenge_id"] for row in rows}, "academics")


def _refresh_offer(engine: MatchingEngine, offer_id: int) -> int:
    before = set(db.session.scalars(sa.select(Match.challenge_id).where(Match.offer_id == offer_id)))
    db.session.execute(sa.delete(Match).where(Match.offer_id == offer_id))
    rows = _rows_for_offer(engine, offer_id, _target_side_dismissals(MatchTarget.OFFER, offer_id))
    return _upsert(rows) + _rerank_challenges(engine, before - {row["challenge_id"] for row in rows}, "offers")


def _rerank_challenges(engine: MatchingEngine, challenge_ids: set[int], which: str) -> int:
    """Refresh (upsert, never delete) the given challenges' lists of one kind: who now fills a freed place."""
    count = 0
    for challenge_id in challenge_ids:
        rows = _rows_for_challenge(engine, challenge_id, _challenge_side_dismissals(challenge_id), which)
        count += _upsert(rows)
    return count


# --- computing rows ----------------------------------------------------------------------------------------

def _row(challenge_id: int, target_type: MatchTarget, target_id: int, suggestion: Suggestion) -> dict:
    return {"challenge_id": challenge_id, "target_type": target_type,
            "offer_id": target_id if target_type is MatchTarget.OFFER else None,
            "academic_id": target_id if target_type is MatchTarget.ACADEMIC else None,
            "score": float(suggestion.score), "components": dict(suggestion.components),
            "shared_terms": list(suggestion.shared_terms), "shared_sdgs": [int(n) for n in suggestion.shared_sdgs],
            "reasons": [list(reason) for reason in suggestion.reasons], "supporting": list(suggestion.supporting),
            "computed_at": utcnow()}


def _rows_for_challenge(engine: MatchingEngine, challenge_id: int, exclude: set[str],
                        which: str = "both") -> list[dict]:
    key = f"challenge:{challenge_id}"
    item = engine.items.get(key)
    if item is None or not item.facts.available:
        return []
    rows = []
    if which in ("both", "offers"):
        rows += [_row(challenge_id, MatchTarget.OFFER, key_id(s.key), s)
                 for s in engine.offers_for_challenge(key, TOP_K, exclude=exclude)]
    if which in ("both", "academics"):
        rows += [_row(challenge_id, MatchTarget.ACADEMIC, key_id(s.key), s)
                 for s in engine.academics_for_challenge(key, TOP_K, exclude=exclude)]
    return rows


def _rows_for_academic(engine: MatchingEngine, academic_id: int, exclude: set[str]) -> list[dict]:
    if not engine.texts_of.get(academic_id):
        return []
    return [_row(key_id(s.key), MatchTarget.ACADEMIC, academic_id, s)
            for s in engine.challenges_for_academic(academic_id, TOP_K, exclude=exclude)]


def _rows_for_offer(engine: MatchingEngine, offer_id: int, exclude: set[str]) -> list[dict]:
    item = engine.items.get(f"offer:{offer_id}")
    if item is None or not item.facts.available:
        return []
    return [_row(key_id(s.key), MatchTarget.OFFER, offer_id, s)
            for s in engine.challenges_for_offer(item.key, TOP_K, exclude=exclude)]


def _challenge_side_dismissals(challenge_id: int) -> set[str]:
    rows = db.session.execute(sa.select(Dismissal.target_type, Dismissal.target_id).where(
        Dismissal.side == DismissalSide.CHALLENGE, Dismissal.challenge_id == challenge_id))
    return {f"{target_type.value}:{target_id}" for target_type, target_id in rows}


def _target_side_dismissals(target_type: MatchTarget, target_id: int) -> set[str]:
    return {f"challenge:{challenge_id}" for challenge_id in db.session.scalars(sa.select(Dismissal.challenge_id).where(
        Dismissal.side == DismissalSide.TARGET, Dismissal.target_type == target_type,
        Dismissal.target_id == target_id))}


def _targets_of_challenge(challenge_id: int) -> set[tuple[MatchTarget, int]]:
    rows = db.session.execute(sa.select(Match.target_type, Match.offer_id, Match.academic_id)
                              .where(Match.challenge_id == challenge_id))
    return {(target_type, offer_id or academic_id) for target_type, offer_id, academic_id in rows}


def _existing_ids(rows: list[dict]) -> tuple[set[int], set[int], set[int]]:
    """Of the challenges, offers and academics the rows name, those that can be suggested (the index may be
    a little behind the database: a row never names something deleted, hidden or closed)."""
    challenge_ids = {row["challenge_id"] for row in rows}
    offer_ids = {row["offer_id"] for row in rows if row["offer_id"]}
    academic_ids = {row["academic_id"] for row in rows if row["academic_id"]}
    challenges = set(db.session.scalars(sa.select(Challenge.id).where(
        Challenge.id.in_(challenge_ids), _suggestable_challenge())))
    offers = set(db.session.scalars(sa.select(Offer.id).join(Offer.academic).where(
        Offer.id.in_(offer_ids), Offer.status == OfferStatus.OPEN, Offer.hidden_at.is_(None),
        _taking_part()))) if offer_ids else set()
    academics = set(db.session.scalars(sa.select(AcademicProfile.user_id).join(AcademicProfile.user).where(
        AcademicProfile.user_id.in_(academic_ids), _taking_part()))) if academic_ids else set()
    return challenges, offers, academics


def _valid(rows: list[dict]) -> list[dict]:
    if not rows:
        return []
    challenges, offers, academics = _existing_ids(rows)
    return [row for row in rows if row["challenge_id"] in challenges
            and (row["offer_id"] in offers if row["offer_id"] else row["academic_id"] in academics)]


def _pair(row) -> tuple:
    if isinstance(row, dict):
        return row["challenge_id"], row["target_type"], row["offer_id"] or row["academic_id"]
    return row.challenge_id, row.target_type, row.target_id


def _upsert(rows: list[dict]) -> int:
    """Store rows on their pair (challenge, target): the most recent computation replaces an earlier one."""
    rows = _valid(rows)
    if not rows:
        return 0
    existing = {_pair(match): match for match in db.session.scalars(
        sa.select(Match).where(Match.challenge_id.in_({row["challenge_id"] for row in rows})))}
    for row in rows:
        match = existing.get(_pair(row))
        if match is None:
            match = Match(**row)
            db.session.add(match)
            existing[_pair(row)] = match
        else:
            for name, value in row.items():
                setattr(match, name, value)
    db.session.flush()
    return len(rows)


# --- everything at once ------------------------------------------------------------------------------------

@job(on_failure=_failed_run("full"))
def recompute_all() -> MatchingRun:
    """Rebuild the index from the database and recompute every stored match. Flushes.

    For every open challenge its best offers and academics; for every academic with texts and every open offer
    their best challenges (the best challenges for someone are not always among each challenge's top ten).
    """
    run = MatchingRun(kind=RunKind.FULL, started_at=utcnow())
    engine = build_index()
    with _state().lock:
        stored = _store_all_rows(engine)
    run.items, run.matches, run.finished_at = len(engine.items), stored, utcnow()
    db.session.add(run)
    db.session.flush()
    return run


def _store_all_rows(engine: MatchingEngine) -> int:
    """Replace every stored match by what the engine answers now; the number of rows. Flushes.

    A pair found from both sides has one score (the engine scores a pair the same way from either side)."""
    challenge_side: dict[int, set[str]] = {}
    target_side: dict[tuple[MatchTarget, int], set[str]] = {}
    for dismissal in db.session.scalars(sa.select(Dismissal)):
        if dismissal.side is DismissalSide.CHALLENGE:
            challenge_side.setdefault(dismissal.challenge_id, set()).add(
                f"{dismissal.target_type.value}:{dismissal.target_id}")
        else:
            target_side.setdefault((dismissal.target_type, dismissal.target_id), set()).add(
                f"challenge:{dismissal.challenge_id}")
    rows: dict[tuple, dict] = {}
    items = list(engine.items.values())
    for item in items:
        if item.kind == "challenge" and item.facts.available:
            for row in _rows_for_challenge(engine, key_id(item.key), challenge_side.get(key_id(item.key), set())):
                rows[_pair(row)] = row
    for academic_id in [owner for owner, keys in engine.texts_of.items() if keys]:
        for row in _rows_for_academic(engine, academic_id,
                                      target_side.get((MatchTarget.ACADEMIC, academic_id), set())):
            rows.setdefault(_pair(row), row)
    for item in items:
        if item.kind == "offer" and item.facts.available:
            offer_id = key_id(item.key)
            for row in _rows_for_offer(engine, offer_id, target_side.get((MatchTarget.OFFER, offer_id), set())):
                rows.setdefault(_pair(row), row)
    stored = _valid(list(rows.values()))
    db.session.execute(sa.delete(Match))
    if stored:
        db.session.execute(sa.insert(Match), stored)
    return len(stored)


def record_failed_run(kind: str, error: str) -> None:
    """Keep a trace of a run that failed (its own work was rolled back). Flushes."""
    db.session.add(MatchingRun(kind=RunKind(kind), started_at=utcnow(), finished_at=utcnow(), error=error[:2000]))
    db.session.flush()


def request_full_recompute() -> None:
    """Recompute everything in a job once the caller commits: inline, it has run when the commit returns."""
    enqueue("recompute_all")


def recompute_is_queued() -> bool:
    """True when a requested recomputation waits for the worker rather than running at the commit."""
    return queued()


# --- reading stored matches ----------------------------------------------------------------------------------

def _target_of_match():
    return sa.case((Match.target_type == MatchTarget.OFFER, Match.offer_id), else_=Match.academic_id)


def _dismissed(side: DismissalSide):
    return sa.exists().where(Dismissal.side == side, Dismissal.challenge_id == Match.challenge_id,
                             Dismissal.target_type == Match.target_type, Dismissal.target_id == _target_of_match())


def _suggestable_challenge():
    """Open, not hidden, of an organisation still taking part: what may be suggested, whoever reads."""
    return sa.and_(Challenge.status == ChallengeStatus.OPEN, Challenge.hidden_at.is_(None),
                   Challenge.organisation_id.in_(sa.select(Organisation.id).where(
                       Organisation.status.not_in(STOPPED_ORGANISATION))))


def suggestions_for_challenge(challenge: Challenge, target_type: MatchTarget, k: int = TOP_K, *, viewer=None
                              ) -> list[Match]:
    """The stored offers or academics for a challenge, best first, without those its organisation dismissed,
    and only academics (and offers of academics) that `viewer` may be suggested (none: as for a visitor)."""
    query = sa.select(Match).where(Match.challenge_id == challenge.id, Match.target_type == target_type,
                                   ~_dismissed(DismissalSide.CHALLENGE))
    if target_type is MatchTarget.OFFER:
        query = (query.join(Offer, Offer.id == Match.offer_id)
                 .join(AcademicProfile, AcademicProfile.user_id == Offer.academic_id)
                 .where(Offer.status == OfferStatus.OPEN, Offer.hidden_at.is_(None), suggestable_academics(viewer))
                 .options(contains_eager(Match.offer).joinedload(Offer.academic)
                          .selectinload(User.academic_profile)))
    else:
        query = (query.join(User, User.id == Match.academic_id)
                 .join(AcademicProfile, AcademicProfile.user_id == User.id)
                 .where(User.active.is_(True), suggestable_academics(viewer))
                 .options(contains_eager(Match.academic).selectinload(User.academic_profile)))
    return list(db.session.scalars(query.order_by(Match.score.desc(), Match.id).limit(k)).unique())


def _suggested_challenges(query, viewer, k: int) -> list[Match]:
    query = (query.join(Challenge, Challenge.id == Match.challenge_id)
             .where(_suggestable_challenge(), visible_challenges(viewer), ~_dismissed(DismissalSide.TARGET))
             .options(contains_eager(Match.challenge)))
    return list(db.session.scalars(query.order_by(Match.score.desc(), Match.id).limit(k)).unique())


def suggestions_for_academic(academic_id: int, viewer, k: int = TOP_K) -> list[Match]:
    """The stored open challenges for an academic, best first, without those they dismissed."""
    return _suggested_challenges(sa.select(Match).where(Match.academic_id == academic_id), viewer, k)


def suggestions_for_offer(offer: Offer, viewer, k: int = TOP_K) -> list[Match]:
    return _suggested_challenges(sa.select(Match).where(Match.offer_id == offer.id), viewer, k)


def dismiss(user: User, side: DismissalSide, challenge_id: int, target_type: MatchTarget, target_id: int) -> Dismissal:
    """Hide one suggestion from one side for good, and keep it as feedback. Dismissing twice is harmless. Flushes."""
    existing = db.session.scalar(sa.select(Dismissal).where(
        Dismissal.side == side, Dismissal.challenge_id == challenge_id, Dismissal.target_type == target_type,
        Dismissal.target_id == target_id))
    if existing is not None:
        return existing
    dismissal = Dismissal(user_id=user.id, side=side, challenge_id=challenge_id, target_type=target_type,
                          target_id=target_id)
    db.session.add(dismissal)
    db.session.flush()
    return dismissal


def exclude_pairs(user_id: int | None, challenge_id: int, academic_ids, offer_ids=()) -> None:
    """After a proposal was declined or withdrawn: the pairs it joined are not suggested again, to either side.

    Kept as dismissals of both sides (the academics with every offer of theirs, and the offers the proposal
    named), so the row computation and the pages leave them out as they leave out any dismissed pair; then the
    freed places are refilled once the caller commits. Flushes."""
    academic_ids = {int(i) for i in academic_ids}
    offer_ids = {int(i) for i in offer_ids}
    if academic_ids:
        offer_ids |= set(db.session.scalars(sa.select(Offer.id).where(Offer.academic_id.in_(academic_ids))))
    targets = [(MatchTarget.ACADEMIC, i) for i in sorted(academic_ids)] + [(MatchTarget.OFFER, i)
                                                                          for i in sorted(offer_ids)]
    for target_type, target_id in targets:
        for side in DismissalSide:
            if db.session.scalar(sa.select(Dismissal.id).where(
                    Dismissal.side == side, Dismissal.challenge_id == challenge_id,
                    Dismissal.target_type == target_type, Dismissal.target_id == target_id)) is None:
                db.session.add(Dismissal(user_id=user_id, side=side, challenge_id=challenge_id,
                                         target_type=target_type, target_id=target_id))
    db.session.flush()
    item_changed("challenge", challenge_id)
    for academic_id in sorted(academic_ids):
        item_changed("profile", academic_id)


# --- answers computed on the fly ------------------------------------------------------------------------------

@dataclass
class TeamMemberView:
    academic: User
    department: Department | None
    brings: list[str]
    suggestion: Suggestion | None


@dataclass
class TeamView:
    members: list[TeamMemberView]
    coverage: float
    best_single_coverage: float


def _not_suggested_to(viewer) -> set[str]:
    """The engine keys ("academic:<id>") of the academics in the index that `viewer` may not be suggested."""
    return {f"academic:{user_id}" for user_id in db.session.scalars(
        sa.select(AcademicProfile.user_id).where(~suggestable_academics(viewer)))}


def team_for_challenge(challenge: Challenge, viewer=None) -> TeamView | None:
    """A small team of academics from different departments covering the challenge together, or None; made only
    of academics `viewer` may be suggested (none: as for a visitor)."""
    key = f"challenge:{challenge.id}"
    left_out = _not_suggested_to(viewer)
    engine = get_engine()
    with _state().lock:
        if key not in engine.items:
            return None
        team: Team | None = engine.team_for_challenge(key, exclude=left_out)
        if team is None:
            return None
        scored = {key_id(s.key): s for s in engine.academics_for_challenge(key, k=15, exclude=left_out)}
    ids = [member.academic_id for member in team.members]
    people = {user.id: user for user in db.session.scalars(
        sa.select(User).where(User.id.in_(ids), User.active.is_(True))
        .options(selectinload(User.academic_profile)))}
    # The index may be a little behind the database: a team never shows someone who may not be suggested now.
    if len(people) != len(ids) or not all(can(viewer, "profile.suggest", p.academic_profile) for p in people.values()):
        return None
    members = []
    for member in team.members:
        person = people[member.academic_id]
        department = person.academic_profile.department if person.academic_profile else None
        members.append(TeamMemberView(person, department, member.brings, scored.get(member.academic_id)))
    return TeamView(members, team.coverage, team.best_single_coverage)


def challenge_text_fields(title: str, keywords, summary: str, description: str, resources: str) -> dict[str, str]:
    keywords = ", ".join(keywords) if isinstance(keywords, list | tuple) else (keywords or "")
    return {"title": title or "", "keywords": keywords,
            "body": "\n\n".join(part for part in (summary, description, resources) if part)}


def similar_challenges(fields: dict[str, str], viewer, exclude_id: int | None = None, k: int = 5
                       ) -> list[tuple[Challenge, float]]:
    """Published challenges most like a draft's text, that `viewer` may see, most similar first."""
    if not any((value or "").strip() for value in fields.values()):
        return []
    engine = get_engine()
    with _state().lock:
        hits = engine.similar_challenges(fields, k=k * 2,
                                         exclude={f"challenge:{exclude_id}"} if exclude_id else frozenset())
    ranked = {key_id(key): score for key, score in hits}
    if not ranked:
        return []
    found = {c.id: c for c in db.session.scalars(sa.select(Challenge).where(
        Challenge.id.in_(ranked), Challenge.status != ChallengeStatus.DRAFT, visible_challenges(viewer)))}
    return [(found[i], score) for i, score in ranked.items() if i in found][:k]


def ranked_ids(kind: str, text: str, limit: int = SEARCH_DEPTH) -> list[int]:
    """Ids of challenges, offers or academics ("challenge", "offer", "academic") most relevant to `text`."""
    engine = get_engine()
    with _state().lock:
        if kind == "academic":
            hits = engine.search(text, ("profile", "publication", "offer"), k=limit)
            owners: list[int] = []
            for key, _score in hits:
                owner = engine.items[key].owner if key in engine.items else None
                if owner is not None and owner not in owners:
                    owners.append(owner)
            return owners
        return [key_id(key) for key, _score in engine.search(text, (kind,), k=limit)]


def search_pieces(text: str, query: str, *, by_words: bool = True) -> list[tuple[str, bool]]:
    """A search result's text cut into pieces, each with whether it is a word the search box's words match.

    `by_words` False: the result was found by meaning alone, and no piece is marked (engine/highlight.py)."""
    if not (query or "").strip() or not text:
        return [(text or "", False)]
    engine = get_engine()
    words = highlight.query_words(query, engine.analyzer, engine.settings.search.word_form_letters)
    return highlight.pieces(text, words, engine.analyzer, by_words=by_words)


def rank_order(column, ids: list[int]):
    """An ORDER BY expression putting rows in the order of `ids`."""
    return sa.case({value: position for position, value in enumerate(ids)}, value=column, else_=len(ids))


# --- the coordinators' view -----------------------------------------------------------------------------------

def latest_runs(limit: int = 10) -> list[MatchingRun]:
    return list(db.session.scalars(sa.select(MatchingRun).order_by(MatchingRun.started_at.desc(),
                                                                     MatchingRun.id.desc()).limit(limit)))


def last_full_run() -> MatchingRun | None:
    return db.session.scalar(sa.select(MatchingRun).where(MatchingRun.kind == RunKind.FULL)
                             .order_by(MatchingRun.started_at.desc(), MatchingRun.id.desc()).limit(1))


def stored_counts() -> dict[str, int]:
    rows = dict(db.session.execute(sa.select(Match.target_type, sa.func.count()).group_by(Match.target_type)).all())
    return {"offers": rows.get(MatchTarget.OFFER, 0), "academics": rows.get(MatchTarget.ACADEMIC, 0),
            "dismissals": db.session.scalar(sa.select(sa.func.count()).select_from(Dismissal)) or 0}
