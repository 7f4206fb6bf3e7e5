"""What a person dismissed, and showing a dismissed suggestion again. Services flush; the request commits."""
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge
from matchmaker.errors import Conflict
from matchmaker.extensions import db
from matchmaker.matching.models import Dismissal, DismissalSide, MatchTarget
from matchmaker.matching.services import item_changed
from matchmaker.offers.models import Offer
from matchmaker.permissions import working_organisation_ids
from matchmaker.workflow import insights
from matchmaker.workflow.stages import Stage


@dataclass
class Dismissed:
    """One dismissed pair as its side sees it: what was dismissed, when, and whether a proposal ended it."""

    dismissal: Dismissal
    challenge: Challenge
    academic: User | None = None  # the academic dismissed (organisation side)
    offer: Offer | None = None  # the offer dismissed (organisation side) or the offer it was dismissed for
    ended: Stage | None = None  # declined or withdrawn: an answer, not shown again

    @property
    def dismissed_at(self) -> datetime:
        return self.dismissal.created_at


@dataclass
class DismissedLists:
    """An organisation member's dismissals per challenge, and an academic's own."""

    by_challenge: list[tuple[Challenge, list[Dismissed]]] = field(default_factory=list)
    mine: list[Dismissed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.by_challenge or self.mine)


def dismissed_by(user: User) -> DismissedLists:
    """What `user`'s side dismissed: their organisations' challenges' dismissals, and their own (as an academic,
    for themselves or for one of their offers), newest first."""
    organisations = working_organisation_ids(user)
    organisation_side = _dismissals(sa.and_(
        Dismissal.side == DismissalSide.CHALLENGE,
        Dismissal.challenge_id.in_(sa.select(Challenge.id).where(Challenge.organisation_id.in_(organisations)))
    )) if organisations else []
    own_offers = sa.select(Offer.id).where(Offer.academic_id == user.id)
    academic_side = _dismissals(sa.and_(Dismissal.side == DismissalSide.TARGET, sa.or_(
        sa.and_(Dismissal.target_type == MatchTarget.ACADEMIC, Dismissal.target_id == user.id),
        sa.and_(Dismissal.target_type == MatchTarget.OFFER, Dismissal.target_id.in_(own_offers)))))
    entries = _described(organisation_side + academic_side)
    lists = DismissedLists(mine=[entry for entry in entries if entry.dismissal.side is DismissalSide.TARGET])
    grouped: dict[int, tuple[Challenge, list[Dismissed]]] = {}
    for entry in entries:
        if entry.dismissal.side is DismissalSide.CHALLENGE:
            grouped.setdefault(entry.challenge.id, (entry.challenge, []))[1].append(entry)
    lists.by_challenge = sorted(grouped.values(), key=lambda pair: pair[0].title.casefold())
    return lists


def restore(side: DismissalSide, challenge_id: int, target_type: MatchTarget, target_id: int) -> bool:
    """Show a dismissed suggestion again to the side that dismissed it: the dismissal is deleted and the stored
    suggestions are recomputed once the caller commits. False when the pair was not dismissed (any more).

    A pair a declined or withdrawn proposal ended is refused: that was an answer, not a dismissal. Flushes."""
    dismissal = db.session.scalar(sa.select(Dismissal).where(
        Dismissal.side == side, Dismissal.challenge_id == challenge_id, Dismissal.target_type == target_type,
        Dismissal.target_id == target_id))
    if dismissal is None:
        return False
    if any(entry.ended is not None for entry in _described([dismissal])):
        raise Conflict(_("A proposal for this pair was declined or withdrawn: it is not suggested again."))
    # A Core delete: a second click that arrives at the same time deletes nothing instead of failing.
    db.session.execute(sa.delete(Dismissal).where(Dismissal.id == dismissal.id))
    db.session.expunge(dismissal)
    db.session.flush()
    if side is DismissalSide.CHALLENGE:
        item_changed("challenge", challenge_id)
    elif target_type is MatchTarget.ACADEMIC:
        item_changed("profile", target_id)
    else:
        item_changed("offer", target_id)
    return True


def _dismissals(condition) -> list[Dismissal]:
    return list(db.session.scalars(sa.select(Dismissal).where(condition)
                                   .order_by(Dismissal.created_at.desc(), Dismissal.id.desc())))


def _described(dismissals: list[Dismissal]) -> list[Dismissed]:
    """The dismissals with their challenge, academic or offer, and the proposal endings among them; a dismissal
    whose challenge, academic or offer no longer exists is left out."""
    challenges = _by_id(Challenge, {d.challenge_id for d in dismissals}, selectinload(Challenge.organisation))
    offers = _by_id(Offer, {d.target_id for d in dismissals if d.target_type is MatchTarget.OFFER},
                    selectinload(Offer.academic))
    academics = _by_id(User, {d.target_id for d in dismissals if d.target_type is MatchTarget.ACADEMIC},
                       selectinload(User.academic_profile))
    endings = insights.pair_endings(challenges)
    described = []
    for dismissal in dismissals:
        challenge = challenges.get(dismissal.challenge_id)
        if dismissal.target_type is MatchTarget.OFFER:
            offer, academic = offers.get(dismissal.target_id), None
            if challenge is None or offer is None:
                continue
            # A declined proposal ends its academics' pairs with every offer of theirs (services.exclude_pairs).
            ended = endings.get((challenge.id, "offer", offer.id)) or endings.get(
                (challenge.id, "academic", offer.academic_id))
        else:
            offer, academic = None, academics.get(dismissal.target_id)
            if challenge is None or academic is None:
                continue
            ended = endings.get((challenge.id, "academic", academic.id))
        described.append(Dismissed(dismissal, challenge, academic if dismissal.side is DismissalSide.CHALLENGE
                                   else None, offer, ended))
    return described


def _by_id(model, ids: set[int], *options) -> dict:
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))}
