"""Domain events: services publish them into the session; once the outermost transaction commits, each goes to the
subscribers that create_app lists, each subscriber in a transaction of its own. A rollback drops them."""
import logging
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from matchmaker.extensions import db

log = logging.getLogger(__name__)
PENDING = "events_pending"


@dataclass(frozen=True)
class ChallengeChanged:
    challenge_id: int  # created, edited, or its status or visibility changed


@dataclass(frozen=True)
class OfferChanged:
    offer_id: int


@dataclass(frozen=True)
class ProfileChanged:
    user_id: int  # an academic's profile or publications


@dataclass(frozen=True)
class AcademicJoined:
    user_id: int  # an academic's address was confirmed: from now on they take part


@dataclass(frozen=True)
class OrganisationStatusChanged:
    organisation_id: int  # verified, suspended or rejected: its challenges come and go with it


@dataclass(frozen=True)
class ProposalStarted:
    proposal_id: int  # its first event (None → proposed) and first message are written


@dataclass(frozen=True)
class ProposalMoved:
    proposal_id: int
    event_id: int  # the ProposalEvent that records the move


@dataclass(frozen=True)
class ProposalMessagePosted:
    proposal_id: int
    message_id: int


def subscribe(app: Flask, event_type: type, subscriber: Callable) -> None:
    app.extensions.setdefault("events", {}).setdefault(event_type, []).append(subscriber)


def publish(event) -> None:
    """Deliver `event` to its subscribers once the caller's transaction commits (once, however often published)."""
    record_in_transaction(PENDING, event)


def record_in_transaction(key: str, entry) -> None:
    """Keep `entry` under `key` in the session until its transaction ends (begun now if none was: its end, even a
    rollback that never touched the database, is what drops the entry)."""
    session = db.session()
    if not session.in_transaction():
        session.begin()
    pending = session.info.setdefault(key, [])
    if entry not in pending:
        pending.append(entry)


@sa.event.listens_for(Session, "after_commit")
def _dispatch(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.get(PENDING):
        return  # a savepoint waits for the outermost commit
    for event in session.info.pop(PENDING):
        for subscriber in current_app.extensions.get("events", {}).get(type(event), ()):
            _in_own_transaction(subscriber, event)


@sa.event.listens_for(Session, "after_transaction_end")
def _drop(session: Session, transaction) -> None:
    if transaction.parent is None:  # committed ones were dispatched already; these were rolled back or abandoned
        session.info.pop(PENDING, None)


def _in_own_transaction(subscriber: Callable, event) -> None:
    """A new app context has a session of its own: the subscriber's work commits (or fails) apart from the rest.

    What was committed stays committed: outside tests a failing subscriber is logged and the request still succeeds.
    """
    with current_app.app_context():
        try:
            subscriber(event)
            db.session.commit()
        except Exception:
            db.session.rollback()
            if current_app.testing:
                raise
            log.exception("The subscriber %s failed on %s", subscriber.__qualname__, event)
