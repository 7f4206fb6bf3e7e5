"""A pair of a challenge and an academic (or an offer) has one stored score: both pages show it, and re-saving
anything without a change, from whichever side, leaves every stored score as it was."""
import pytest
import sqlalchemy as sa

from matchmaker.academics import services as academic_services
from matchmaker.challenges import services as challenge_services
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Match, MatchingRun, MatchTarget, RunKind
from matchmaker.offers import services as offer_services
from matchmaker.orgs.models import OrganisationStatus

NEEDS = [("Energy poverty in social housing", "Families cannot afford heating: insulation and energy bills."),
         ("Food waste in school canteens", "Leftover meals, food recovery and the canteens of our schools."),
         ("Older people and digital services", "Elderly people cannot use online banking or health booking."),
         ("Heating and food for families", "Energy bills and food banks: families in poverty need both.")]
PEOPLE = [("Energy", ["energy efficiency", "building insulation", "energy poverty"],
           "I study the energy efficiency of social housing, heating and insulation."),
          ("Food", ["food waste", "school canteens", "food recovery"],
           "I measure food waste in school canteens and organise food recovery."),
          ("Digital", ["digital inclusion", "older people", "online services"],
           "I design online services that elderly people can use, and digital skills courses."),
          ("Poverty", ["poverty", "families", "food banks"], "I study poverty of families, food banks and energy.")]
OFFERS = [("Energy audits of social housing", "Students audit the insulation and heating of your buildings."),
          ("Food waste measurement", "We measure leftover meals in canteens and plan food recovery."),
          ("Digital skills courses", "Courses on online banking and health booking for older people.")]


@pytest.fixture
def market(make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    organisation = member.memberships[0].organisation
    challenges = [make.challenge(organisation, author=member, title=title, summary=summary, keywords=("poverty",))
                  for title, summary in NEEDS]
    academics = []
    for code, (name, expertise, biography) in zip(("DENERG", "DIATI", "DAUIN", "DIST"), PEOPLE, strict=True):
        user = make.academic(code, name=f"{name} Expert", verified=True)
        make.profile(user, expertise=expertise, biography=biography)
        academics.append(user)
    offers = [make.offer(academic, title=title, description=description)
              for academic, (title, description) in zip(academics, OFFERS, strict=False)]
    matching.recompute_all()
    db.session.commit()
    return {"challenges": challenges, "academics": academics, "offers": offers}


def stored_scores() -> dict[tuple, float]:
    rows = db.session.execute(sa.select(Match.challenge_id, Match.target_type, Match.offer_id, Match.academic_id,
                                        Match.score))
    return {(c, t, o or a): score for c, t, o, a, score in rows}


def test_the_challenge_page_and_the_academic_page_show_the_same_score_for_every_pair(market):
    scores = stored_scores()
    academic_pairs = {pair: score for pair, score in scores.items() if pair[1] is MatchTarget.ACADEMIC}
    assert len(academic_pairs) >= 8

    engine = matching.get_engine()
    for (challenge_id, _, academic_id), score in academic_pairs.items():
        from_challenge = {s.key: s.score for s in engine.academics_for_challenge(f"challenge:{challenge_id}", k=50)}
        from_academic = {s.key: s.score for s in engine.challenges_for_academic(academic_id, k=50)}
        assert from_challenge[f"academic:{academic_id}"] == from_academic[f"challenge:{challenge_id}"] == score
    for challenge in market["challenges"]:
        for match in matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC, k=50):
            shown = {m.challenge_id: m.score for m in matching.suggestions_for_academic(match.academic_id, None, 50)}
            assert shown.get(challenge.id, match.score) == match.score


def test_the_challenge_page_and_the_offer_page_show_the_same_score_for_every_pair(market):
    engine = matching.get_engine()
    offer_pairs = {pair: score for pair, score in stored_scores().items() if pair[1] is MatchTarget.OFFER}
    assert offer_pairs
    for (challenge_id, _, offer_id), score in offer_pairs.items():
        from_challenge = {s.key: s.score for s in engine.offers_for_challenge(f"challenge:{challenge_id}", k=50)}
        from_offer = {s.key: s.score for s in engine.challenges_for_offer(f"offer:{offer_id}", k=50)}
        assert from_challenge.get(f"offer:{offer_id}", score) == from_offer.get(f"challenge:{challenge_id}", score)
        assert score in (from_challenge.get(f"offer:{offer_id}"), from_offer.get(f"challenge:{challenge_id}"))


def item_runs() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(MatchingRun).where(
        MatchingRun.kind == RunKind.ITEM))


def test_re_saving_a_challenge_an_offer_and_a_profile_without_a_change_moves_no_stored_score(market):
    before, runs = stored_scores(), item_runs()

    challenge_services.update_challenge(market["challenges"][3], {})
    db.session.commit()
    offer_services.update_offer(market["offers"][0], {})
    db.session.commit()
    for academic in market["academics"]:
        academic_services.update_profile(academic.academic_profile, {}, partial=True)
        db.session.commit()

    assert item_runs() >= runs + 2 + len(market["academics"])  # every save was followed by a recomputation
    assert stored_scores() == before


def test_a_pair_scores_the_same_whichever_side_was_refreshed_last(market):
    challenge, academic = market["challenges"][3], market["academics"][3]
    matching.refresh_item("challenge", challenge.id)
    db.session.commit()
    challenge_last = stored_scores()
    matching.refresh_item("profile", academic.id)
    db.session.commit()
    academic_last = stored_scores()
    matching.refresh_item("offer", market["offers"][0].id)
    db.session.commit()

    assert (challenge.id, MatchTarget.ACADEMIC, academic.id) in academic_last
    assert challenge_last == academic_last == stored_scores()
