"""The back-fill of SDG suggestions: `flask suggest-sdgs` stores the suggester's goals for every item, never
changes the goals people confirmed, writes nothing on a second run, and follows an item whose text changed."""
import pytest
import sqlalchemy as sa

from matchmaker.academics.models import profile_sdgs
from matchmaker.auth.models import Language
from matchmaker.challenges.models import challenge_sdgs
from matchmaker.engine.sdg_reference import GoalText, QueryPhrase, SdgReference, TargetText
from matchmaker.events import ChallengeChanged, publish
from matchmaker.extensions import db
from matchmaker.initiatives.models import initiative_sdgs
from matchmaker.offers.models import offer_sdgs
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.sdgs.backfill import backfill, text_hash
from matchmaker.sdgs.models import SdgSuggestionRecord
from matchmaker.sdgs.review import MISSING_STRONG, NONE_SUGGESTED, UNTAGGED, disagreement

REFERENCE = SdgReference(
    goals=(GoalText(11, "Sustainable cities and communities", "Città e comunità sostenibili",
                    "Make cities and human settlements inclusive, safe, resilient and sustainable",
                    "Rendere le città e gli insediamenti umani inclusivi, sicuri, duraturi e sostenibili"),),
    targets=(TargetText("11.1", 11, "By 2030, ensure access for all to adequate, safe and affordable housing",
                        "Entro il 2030, garantire a tutti l'accesso ad alloggi adeguati, sicuri e convenienti"),),
    indicators=(),
    phrases=(QueryPhrase(11, "11.1", "affordable housing", "en"), QueryPhrase(11, None, "urban planning", "en")),
)
HOUSING = "Affordable housing for the city: safe and adequate housing, urban planning with the neighbourhood"


@pytest.fixture
def reference(load_sdgs):
    load_sdgs(REFERENCE)


def confirmed_tags() -> dict:
    return {link.name: sorted(db.session.execute(sa.select(link)).all())
            for link in (challenge_sdgs, offer_sdgs, profile_sdgs, initiative_sdgs)}


def records() -> list[tuple]:
    return db.session.execute(sa.select(SdgSuggestionRecord.item_kind, SdgSuggestionRecord.item_id,
                                        SdgSuggestionRecord.goal, SdgSuggestionRecord.text_hash,
                                        SdgSuggestionRecord.made_at).order_by(SdgSuggestionRecord.id)).all()


@pytest.fixture
def items(make, reference):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    tagged_otherwise = make.challenge(organisation, title="Housing", summary=HOUSING, sdgs=(4,))
    untagged = make.challenge(organisation, title="Homes", summary=HOUSING, sdgs=())
    offer = make.offer(title="Urban planning lab", description=HOUSING, sdgs=(1, 11))
    initiative = make.initiative(title="Housing desk", summary=HOUSING, sdgs=(5,))
    db.session.commit()
    return tagged_otherwise, untagged, offer, initiative


def test_the_back_fill_never_changes_any_item_s_confirmed_tags(items, runner):
    before = confirmed_tags()
    result = runner.invoke(args=["suggest-sdgs"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert confirmed_tags() == before
    stored = {(kind, item_id) for kind, item_id, *_rest in records()}
    assert stored == {("challenge", items[0].id), ("challenge", items[1].id), ("offer", items[2].id),
                      ("initiative", items[3].id)}


def test_the_back_fill_is_idempotent_a_second_run_writes_nothing(items, runner):
    first = runner.invoke(args=["suggest-sdgs"])
    assert ", 4 changed" in first.output, first.output
    stored = records()
    second = runner.invoke(args=["suggest-sdgs"])
    assert ", 0 changed" in second.output and first.output.split(" ")[0] == second.output.split(" ")[0], second.output
    db.session.expire_all()
    assert records() == stored and stored


def test_a_changed_text_has_its_suggestions_refreshed(items, make):
    challenge = items[0]
    backfill(batch_size=1)
    before = {row[3] for row in records() if row[:2] == ("challenge", challenge.id)}
    challenge.summary, challenge.title = "Choir rehearsals on Thursday evenings", "Singing"
    db.session.commit()
    counts = backfill(kinds=("challenge",))
    assert counts.changed == 1 and counts.unchanged == 1
    after = {row[3] for row in records() if row[:2] == ("challenge", challenge.id)}
    assert before and after != before


def test_the_back_fill_of_one_kind_reads_only_that_kind(items, runner):
    result = runner.invoke(args=["suggest-sdgs", "--kind", "offer"])
    assert "1 items read, 1 changed" in result.output, result.output
    assert {row[0] for row in records()} == {"offer"}


def test_disagreement_is_a_strong_untagged_suggestion_or_tags_none_of_which_is_suggested():
    assert disagreement({11}, {11: 0.95, 4: 0.3}) == []
    assert disagreement({11}, {11: 0.9, 4: 0.85}) == [MISSING_STRONG]
    assert disagreement({5}, {11: 0.9}) == [MISSING_STRONG, NONE_SUGGESTED]
    assert disagreement({5}, {11: 0.5}) == []
    assert disagreement(set(), {11: 0.2}) == [UNTAGGED] and disagreement(set(), {}) == []


def test_a_coordinator_sees_a_disagreeing_item_listed_and_not_an_agreeing_one(client, make, login, reference):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    wrong = make.challenge(organisation, title="Tagged wrongly", sdgs=(5,))
    right = make.challenge(organisation, title="Tagged rightly", sdgs=(11,))
    bare = make.challenge(organisation, title="Not tagged", sdgs=())
    for challenge, confidence in ((wrong, 0.9), (right, 0.9), (bare, 0.6)):
        db.session.add(SdgSuggestionRecord(item_kind="challenge", item_id=challenge.id, goal=11, confidence=confidence,
                                           targets=["11.1"], reasons=["housing"], text_hash="x"))
    db.session.commit()
    login(make.coordinator())
    page = client.get("/coordination/sdgs?kind=challenge", headers={"Accept-Language": "en"}).get_data(as_text=True)
    disagreeing, untagged = page.split("Untagged, with suggestions")
    assert f'href="/challenges/{wrong.id}"' in disagreeing and "housing" in disagreeing
    assert f'href="/challenges/{right.id}"' not in page
    assert f'href="/challenges/{bare.id}"' in untagged
    client.post("/logout")
    login(make.coordinator(language=Language.IT))
    italian = client.get("/coordination/sdgs", headers={"Accept-Language": "it"})
    assert italian.status_code == 200 and "Senza obiettivi, con suggerimenti" in italian.get_data(as_text=True)


@pytest.mark.parametrize("who", ["member", "academic", "verified_member"])
def test_people_who_are_not_coordinators_may_not_see_the_review(client, make, login, who):
    login(make.member() if who == "member" else make.academic(verified=True) if who == "academic"
          else make.member(make.organisation(status=OrganisationStatus.VERIFIED)))
    assert client.get("/coordination/sdgs").status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/coordination/sdgs")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("query", ["kind=%00", "kind=x" * 500, "page=" + "9" * 40, "page=-1", "page=abc&kind=offer",
                                   "page=%ED%A0%80"])
def test_hostile_filters_on_the_review_never_fail(client, make, login, query):
    login(make.coordinator())
    assert client.get(f"/coordination/sdgs?{query}").status_code in (200, 400)


def test_a_saved_challenge_has_its_suggestions_made_again_from_its_new_text(items):
    challenge = items[1]
    challenge.summary = HOUSING + " and more homes"
    publish(ChallengeChanged(challenge.id))
    db.session.commit()
    db.session.expire_all()
    stored = [row for row in records() if row[:2] == ("challenge", challenge.id)]
    assert stored and {row[3] for row in stored} == {text_hash(f"{challenge.title} {challenge.summary}")}
