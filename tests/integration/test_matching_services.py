"""Matching in the product: suggestions computed from the database, kept up to date as things change, stored for
the pages, dismissals respected, the index saved and shared, and recomputation as a real RQ job."""
import uuid

import pytest
import sqlalchemy as sa

from matchmaker import jobs
from matchmaker.academics import services as academic_services
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import ChallengeStatus
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Dismissal, DismissalSide, Match, MatchingRun, MatchTarget, RunKind
from matchmaker.offers import services as offer_services
from matchmaker.offers.models import OfferStatus
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import HelpKind
from tests.conftest import TEST_REDIS_URL, make_test_app

ENERGY = dict(title="Energy poverty in social housing",
              summary="Families in our buildings cannot afford heating: we need to cut energy bills.",
              description="We manage 40 social housing buildings in Barriera di Milano. Insulation, heating systems "
                          "and energy efficiency retrofit could lower the bills of families in energy poverty.",
              keywords=("energy poverty", "social housing", "energy efficiency"), sdgs=(7, 11))


def energy_expert(make, name="Giulia Energy"):
    user = make.academic("DENERG", name=name, verified=True)
    make.profile(user, expertise=["energy efficiency", "building retrofit", "energy poverty", "heating systems"],
                 biography="I study energy efficiency of residential buildings, insulation retrofit and energy "
                           "poverty in social housing.")
    return user


def poetry_expert(make, name="Marco Poetry"):
    user = make.academic("DIST", name=name, verified=True)
    make.profile(user, expertise=["medieval poetry", "philology", "manuscripts"],
                 biography="I read medieval manuscripts and study the philology of Italian poetry.")
    return user


def academic_ids(matches) -> list[int]:
    return [m.academic_id for m in matches]


@pytest.fixture
def market(make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    organisation = member.memberships[0].organisation
    challenge = make.challenge(organisation, author=member, **ENERGY)
    expert, poet = energy_expert(make), poetry_expert(make)
    return {"member": member, "challenge": challenge, "expert": expert, "poet": poet}


def test_suggestions_built_from_the_database_put_a_fitting_academic_above_an_unrelated_one(market):
    run = matching.recompute_all()
    db.session.commit()

    suggested = matching.suggestions_for_challenge(market["challenge"], MatchTarget.ACADEMIC)

    assert suggested and suggested[0].academic_id == market["expert"].id
    if market["poet"].id in academic_ids(suggested):
        assert suggested[0].score > next(m.score for m in suggested if m.academic_id == market["poet"].id)
    best = suggested[0]
    assert 0 < best.score <= 100
    assert set(best.components) >= {"text", "sdgs", "kind", "place", "availability"}
    assert any("energ" in term.lower() for term in best.shared_terms)
    assert run.kind is RunKind.FULL and run.finished_at and run.matches >= 1


def test_the_academic_sees_the_fitting_challenge_among_their_suggestions(market):
    matching.recompute_all()
    db.session.commit()

    for_expert = matching.suggestions_for_academic(market["expert"].id, market["expert"])

    assert [m.challenge_id for m in for_expert] == [market["challenge"].id]


def test_an_edited_profile_reaches_the_suggestions_without_a_rebuild(market):
    matching.recompute_all()
    db.session.commit()
    engine = matching.get_engine()
    full_runs = db.session.scalar(sa.select(sa.func.count()).select_from(MatchingRun)
                                  .where(MatchingRun.kind == RunKind.FULL))

    academic_services.update_profile(market["poet"].academic_profile, {
        "expertise": ["energy poverty", "social housing", "insulation"],
        "biography": "I now work on energy poverty and heating in social housing buildings."}, partial=True)
    db.session.commit()

    suggested = academic_ids(matching.suggestions_for_challenge(market["challenge"], MatchTarget.ACADEMIC))
    assert market["poet"].id in suggested
    assert matching.get_engine() is engine
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MatchingRun)
                             .where(MatchingRun.kind == RunKind.FULL)) == full_runs


def test_a_new_offer_is_suggested_for_the_challenge_it_fits_at_once(market):
    matching.recompute_all()
    db.session.commit()

    offer = offer_services.create_offer(market["expert"], {
        "title": "Energy audits of social housing buildings", "kind": "technical_support", "sdgs": [7],
        "description": "Students and researchers measure heating and insulation to cut energy bills.",
        "keywords": "energy efficiency, energy poverty"})
    db.session.commit()

    assert [m.offer_id for m in matching.suggestions_for_challenge(market["challenge"], MatchTarget.OFFER)] \
        == [offer.id]
    assert [m.challenge_id for m in matching.suggestions_for_offer(offer, market["expert"])] == [market["challenge"].id]


def test_a_closed_challenge_disappears_from_academics_suggestions(market):
    challenge = market["challenge"]
    matching.recompute_all()
    db.session.commit()
    assert matching.suggestions_for_academic(market["expert"].id, market["expert"])

    challenge_services.change_status(challenge, ChallengeStatus.CLOSED)
    db.session.commit()

    assert matching.suggestions_for_academic(market["expert"].id, market["expert"]) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)
                             .where(Match.challenge_id == challenge.id)) == 0


def test_a_challenge_published_from_draft_gets_suggestions(make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    expert = energy_expert(make)
    challenge = challenge_services.create_challenge(member.memberships[0].organisation, member, {
        **{k: v for k, v in ENERGY.items() if k not in ("keywords", "sdgs")},
        "keywords": ", ".join(ENERGY["keywords"]), "sdgs": ["7"], "kind": "research_action"})
    db.session.commit()
    assert matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC) == []

    challenge_services.change_status(challenge, ChallengeStatus.OPEN)
    db.session.commit()

    assert academic_ids(matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC)) == [expert.id]


def test_an_academic_who_dismisses_a_challenge_does_not_see_it_again_and_the_dismissal_is_kept(market):
    expert, challenge = market["expert"], market["challenge"]
    matching.recompute_all()
    db.session.commit()

    matching.dismiss(expert, DismissalSide.TARGET, challenge.id, MatchTarget.ACADEMIC, expert.id)
    db.session.commit()
    matching.recompute_all()
    db.session.commit()

    assert matching.suggestions_for_academic(expert.id, expert) == []
    kept = db.session.scalars(sa.select(Dismissal)).all()
    assert [(d.user_id, d.side, d.challenge_id, d.target_id) for d in kept] == \
        [(expert.id, DismissalSide.TARGET, challenge.id, expert.id)]
    # The organisation did not dismiss the academic: they still see them.
    assert expert.id in academic_ids(matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC))


def test_an_organisation_that_dismisses_an_academic_does_not_see_them_again_for_that_challenge(market):
    expert, challenge = market["expert"], market["challenge"]
    matching.recompute_all()
    db.session.commit()

    matching.dismiss(market["member"], DismissalSide.CHALLENGE, challenge.id, MatchTarget.ACADEMIC, expert.id)
    db.session.commit()
    academic_services.update_profile(expert.academic_profile, {"biography": "Energy poverty, still."}, partial=True)
    db.session.commit()

    assert expert.id not in academic_ids(matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC))
    assert [m.challenge_id for m in matching.suggestions_for_academic(expert.id, expert)] == [challenge.id]


def test_an_unavailable_academic_is_still_suggested_but_scores_lower(market):
    matching.recompute_all()
    db.session.commit()
    before = matching.suggestions_for_challenge(market["challenge"], MatchTarget.ACADEMIC)[0]
    score = before.score

    academic_services.update_profile(market["expert"].academic_profile, {"available": False}, partial=True)
    db.session.commit()

    after = next(m for m in matching.suggestions_for_challenge(market["challenge"], MatchTarget.ACADEMIC)
                 if m.academic_id == market["expert"].id)
    assert after.score < score
    assert ["unavailable", ""] in after.reasons


def test_a_draft_like_a_published_challenge_finds_it_as_similar(market, make):
    fields = matching.challenge_text_fields("Heating costs of poor families", "energy poverty",
                                            "Energy bills are too high in social housing.", "", "")
    similar = matching.similar_challenges(fields, market["member"])
    assert [c.id for c, _score in similar] == [market["challenge"].id]


def test_search_ranks_by_relevance(make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    loose = make.challenge(organisation, title="Community garden", summary="A garden; some energy from volunteers.")
    tight = make.challenge(organisation, **ENERGY)
    assert matching.ranked_ids("challenge", "energy poverty")[:2] == [tight.id, loose.id]


def test_the_index_is_saved_and_another_process_loads_it(market, app, database_url, tmp_path):
    folder = tmp_path / "matching"
    app.config["MATCHING_INDEX_DIR"] = str(folder)
    matching.recompute_all()
    db.session.commit()
    assert (folder / "CURRENT").exists()

    other = make_test_app(database_url, MATCHING_INDEX_DIR=str(folder))
    with other.app_context():
        engine = matching.get_engine()
        assert f"challenge:{market['challenge'].id}" in engine.items
        assert matching._state().version == (folder / "CURRENT").read_text()


# --- the queue -------------------------------------------------------------------------------------------------



def test_a_recompute_job_on_a_real_queue_stores_the_matches(market, app, redis_connection):
    from rq import Queue, SimpleWorker

    app.config.update(REDIS_URL=TEST_REDIS_URL, JOBS_INLINE=False)
    queue = Queue(jobs.QUEUE, connection=redis_connection)
    queue.empty()

    matching.request_full_recompute()
    assert queue.count == 0  # nothing is queued before the commit
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 0
    assert queue.count == 1

    worker = SimpleWorker([queue], connection=redis_connection, name=f"test-{uuid.uuid4().hex[:8]}")
    assert worker.work(burst=True)

    db.session.expire_all()
    assert academic_ids(matching.suggestions_for_challenge(market["challenge"], MatchTarget.ACADEMIC))[0] \
        == market["expert"].id
    assert db.session.scalar(sa.select(MatchingRun.kind).order_by(MatchingRun.id.desc()).limit(1)) is RunKind.FULL


def test_with_a_queue_a_change_is_queued_after_the_commit_and_the_job_applies_it(market, app, redis_connection):
    from rq import Queue, SimpleWorker

    matching.recompute_all()
    db.session.commit()
    app.config.update(REDIS_URL=TEST_REDIS_URL, JOBS_INLINE=False)
    queue = Queue(jobs.QUEUE, connection=redis_connection)
    queue.empty()

    offer_services.change_status(offer_services.create_offer(market["expert"], {
        "title": "Energy audits of social housing", "kind": "technical_support", "description": "Energy poverty.",
        "keywords": "energy poverty"}), OfferStatus.PAUSED)
    assert queue.count == 0  # nothing is queued before the commit
    db.session.commit()
    assert queue.count == 1  # one job for the offer, however many times it changed

    SimpleWorker([queue], connection=redis_connection, name=f"test-{uuid.uuid4().hex[:8]}").work(burst=True)
    db.session.expire_all()
    assert matching.suggestions_for_challenge(market["challenge"], MatchTarget.OFFER) == []  # paused: not suggested
    assert db.session.scalar(sa.select(MatchingRun.kind).order_by(MatchingRun.id.desc()).limit(1)) is RunKind.ITEM


def test_kinds_of_help_are_part_of_the_explanation(make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    challenge = make.challenge(member.memberships[0].organisation, kind=HelpKind.TECHNICAL_SUPPORT, **ENERGY)
    expert = energy_expert(make)
    make.offer(expert, title="Energy efficiency checks", description="Energy poverty and heating audits.",
               kind=HelpKind.TECHNICAL_SUPPORT, sdgs=(7,))
    matching.recompute_all()
    db.session.commit()
    offer_match = matching.suggestions_for_challenge(challenge, MatchTarget.OFFER)[0]
    assert ["same_kind", "technical_support"] in offer_match.reasons


@pytest.mark.parametrize(("place", "scale", "city"), [
    ("", "city", "Moncalieri"),
    ("Barriera di Milano, Torino", "neighbourhood", "Torino"),
    ("Mirafiori Sud", "neighbourhood", "Moncalieri"),
    ("Collegno", "city", "Collegno"),
    ("centro di Moncalieri", "city", "Moncalieri"),
])
def test_a_challenge_is_placed_in_its_city_for_the_works_in_reason(make, place, scale, city):
    from matchmaker.reference.models import Scale

    challenge = make.challenge(make.organisation(city="Moncalieri"), place=place, scale=Scale(scale))
    assert matching.challenge_item(challenge).facts.city == city


def test_a_challenge_is_saved_and_matched_when_the_only_academic_has_an_empty_profile(app, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    make.profile(make.academic(verified=True))  # confirmed, but has written nothing yet
    challenge = make.challenge(organisation, author=member)
    challenge_services.update_challenge(challenge, {"title": "Energy poverty in social housing, again"})
    db.session.commit()  # the refresh runs after this commit: before the fix it raised a scipy shape error
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MatchingRun).where(
        MatchingRun.error.isnot(None))) == 0
