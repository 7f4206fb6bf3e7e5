"""Reading and loading the goals: what a goal's page shows (the platform's visible items under it) and the UN's
texts and Aurora phrases loaded from a folder into the reference tables. Services flush; the caller commits."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, profile_sdgs
from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge, challenge_sdgs
from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative, initiative_sdgs
from matchmaker.offers.models import Offer, offer_sdgs
from matchmaker.permissions import visible_challenges, visible_initiatives, visible_offers, visible_profiles
from matchmaker.reference.models import SDG, SDGIndicator, SDGQueryPhrase, SDGTarget

SHOWN_PER_KIND = 12  # a goal's page lists this many of each kind, newest first, and says how many there are


@dataclass
class Shown:
    items: list = field(default_factory=list)
    total: int = 0


@dataclass
class GoalPage:
    goal: SDG
    challenges: Shown
    offers: Shown
    initiatives: Shown
    academics: Shown


def _shown(query: sa.Select, order) -> Shown:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    return Shown(list(db.session.scalars(query.order_by(*order).limit(SHOWN_PER_KIND))), total or 0)


def goal_page(goal: SDG, viewer) -> GoalPage:
    """The goal and what the platform holds under it that `viewer` may see."""
    def tagged(link, column):
        return sa.select(link.c[column]).where(link.c.sdg_number == goal.number)

    challenges = sa.select(Challenge).where(visible_challenges(viewer),
                                            Challenge.id.in_(tagged(challenge_sdgs, "challenge_id")))
    offers = sa.select(Offer).where(visible_offers(viewer), Offer.id.in_(tagged(offer_sdgs, "offer_id")))
    initiatives = sa.select(Initiative).where(visible_initiatives(viewer),
                                              Initiative.id.in_(tagged(initiative_sdgs, "initiative_id")))
    academics = (sa.select(AcademicProfile).join(User, User.id == AcademicProfile.user_id)
                 .where(visible_profiles(viewer), User.active.is_(True),
                        AcademicProfile.user_id.in_(tagged(profile_sdgs, "user_id"))))
    return GoalPage(goal=goal,
                    challenges=_shown(challenges, [Challenge.created_at.desc(), Challenge.id.desc()]),
                    offers=_shown(offers, [Offer.created_at.desc(), Offer.id.desc()]),
                    initiatives=_shown(initiatives, [Initiative.created_at.desc(), Initiative.id.desc()]),
                    academics=_shown(academics, [User.name, AcademicProfile.user_id]))


def load_reference(reference) -> dict[str, int]:
    """Write an SdgReference (the engine's, read from the folder by `read_reference`) into the reference tables:
    the goals' statements (their names stay the platform's), the targets, the indicators and the query phrases.
    Running it again with the same folder changes nothing. Flushes; returns how many of each it holds."""
    goals = {sdg.number: sdg for sdg in db.session.scalars(sa.select(SDG))}
    for text in reference.goals:
        goal = goals.get(text.number)
        if goal is not None:
            goal.statement_en, goal.statement_it = text.statement_en, text.statement_it
    known_goals = set(goals)
    targets = {row.code: row for row in db.session.scalars(sa.select(SDGTarget))}
    for position, text in enumerate(reference.targets):
        if text.goal not in known_goals:
            continue
        row = targets.get(text.code) or SDGTarget(code=text.code)
        row.goal, row.text_en, row.text_it, row.position = text.goal, text.text_en, text.text_it, position
        db.session.add(row)
    db.session.flush()
    target_codes = {text.code for text in reference.targets if text.goal in known_goals}
    indicators = {row.code: row for row in db.session.scalars(sa.select(SDGIndicator))}
    for text in reference.indicators:
        if text.target not in target_codes:
            continue
        row = indicators.get(text.code) or SDGIndicator(code=text.code)
        row.target, row.text_en = text.target, text.text_en
        db.session.add(row)
    # Phrases have no identity of their own: the folder's list replaces the stored one when it differs.
    wanted = sorted({(p.goal, p.target if p.target in target_codes else None, p.phrase[:300], p.language)
                     for p in reference.phrases if p.goal in known_goals},
                    key=lambda row: (row[0], row[1] or "", row[2], row[3]))
    stored = sorted(((p.goal, p.target, p.phrase, p.language) for p in db.session.scalars(sa.select(SDGQueryPhrase))),
                    key=lambda row: (row[0], row[1] or "", row[2], row[3]))
    if wanted != stored:
        db.session.execute(sa.delete(SDGQueryPhrase))
        db.session.add_all(SDGQueryPhrase(goal=goal, target=target, phrase=phrase, language=language)
                           for goal, target, phrase, language in wanted)
    db.session.flush()
    return {"goals": sum(1 for text in reference.goals if text.number in known_goals),
            "targets": len(target_codes), "indicators": db.session.scalar(sa.select(sa.func.count(SDGIndicator.code))),
            "phrases": len(wanted)}
