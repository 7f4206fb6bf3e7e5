"""The coordinators' review of SDG tags: an item tagged with a goal its text is not about is listed even though its
own tags are among the suggester's examples, the forms still learn from it, and the page's SQL lists, counts and
pages exactly the items that the one rule, `disagreement`, lists."""
import pytest
import sqlalchemy as sa

from matchmaker.engine.sdg_reference import GoalText, QueryPhrase, SdgReference, TargetText
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import SDG
from matchmaker.sdgs import suggesting
from matchmaker.sdgs.models import ITEM_KINDS, SdgSuggestionRecord
from matchmaker.sdgs.review import STRONG, disagreement, review_page

REFERENCE = SdgReference(
    goals=(GoalText(4, "Quality education", "Istruzione di qualità",
                    "Ensure inclusive and equitable quality education and promote lifelong learning",
                    "Fornire un'educazione di qualità, equa ed inclusiva, e opportunità di apprendimento per tutti"),
           GoalText(6, "Clean water and sanitation", "Acqua pulita e servizi igienico-sanitari",
                    "Ensure availability and sustainable management of water and sanitation for all",
                    "Garantire a tutti la disponibilità e la gestione sostenibile dell'acqua e delle strutture "
                    "igienico-sanitarie")),
    targets=(TargetText("4.1", 4, "By 2030, ensure that all girls and boys complete free primary and secondary "
                                  "schooling", "Entro il 2030, assicurarsi che tutti i ragazzi e le ragazze "
                                               "completino una scuola primaria e secondaria libera"),
             TargetText("6.1", 6, "By 2030, achieve universal and equitable access to safe and affordable drinking "
                                  "water for all", "Entro il 2030, conseguire l'accesso universale ed equo all'acqua "
                                                   "potabile sicura ed economica per tutti")),
    indicators=(),
    phrases=(QueryPhrase(6, "6.1", "drinking water", "en"), QueryPhrase(6, None, "water quality", "en"),
             QueryPhrase(4, "4.1", "school", "en"), QueryPhrase(4, None, "teachers", "en")),
)
WATER = ("Clean drinking water for the allotments: the water of our old well is not safe to drink. We want to test "
         "its water quality and bring safe drinking water to the gardeners.")
SCHOOL = "After-school lessons for the neighbourhood's children: teachers and students help with homework."


@pytest.fixture
def reference(load_sdgs):
    load_sdgs(REFERENCE)


def test_a_challenge_tagged_with_a_goal_its_text_is_not_about_is_listed_though_it_is_an_example(
        client, make, login, runner, reference):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    water = make.challenge(organisation, title="Our well", summary=WATER, sdgs=(4,))
    school = make.challenge(organisation, title="Homework club", summary=SCHOOL, sdgs=(4,))
    db.session.commit()
    assert any(text.endswith(WATER) and goals == {4} for text, goals in suggesting.confirmed_examples())
    result = runner.invoke(args=["suggest-sdgs"])
    assert result.exit_code == 0, result.output
    login(make.coordinator())
    page = client.get("/coordination/sdgs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    disagreeing, _untagged = page.split("Untagged, with suggestions")
    assert f'href="/challenges/{water.id}"' in disagreeing
    assert f'href="/challenges/{school.id}"' not in page
    stored = {record.goal: record.confidence for record in db.session.scalars(
        sa.select(SdgSuggestionRecord).where(SdgSuggestionRecord.item_id == water.id,
                                             SdgSuggestionRecord.item_kind == "challenge"))}
    assert stored.get(6, 0) >= STRONG and stored.get(4, 0) < STRONG
    # The forms and the API still learn from the tag people chose.
    answer = client.post("/api/v1/sdgs/suggest", json={"text": f"Our well {WATER}", "language": "en"}).get_json()
    assert 4 in [goal["number"] for goal in answer["sdgs"]]


def test_the_back_fill_stays_idempotent_and_leaves_the_tags_as_they_were(make, runner, reference):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    water = make.challenge(organisation, title="Our well", summary=WATER, sdgs=(4,))
    make.challenge(organisation, title="Homework club", summary=SCHOOL, sdgs=(4,))
    db.session.commit()
    first, second = runner.invoke(args=["suggest-sdgs"]), runner.invoke(args=["suggest-sdgs"])
    assert ", 2 changed" in first.output and ", 0 changed, 2 unchanged" in second.output, second.output
    db.session.expire_all()
    assert [sdg.number for sdg in water.sdgs] == [4]


# (tags, {goal: confidence}) of a mixed set: agreeing, missing a strong goal, tagged with nothing suggested,
# suggested exactly at the threshold, just below it, untagged with and without suggestions.
MIXED = [((11,), {11: 0.95, 4: 0.3}), ((11,), {11: 0.9, 4: STRONG}), ((5,), {11: 0.9}), ((5,), {11: STRONG - 0.01}),
         ((4, 11), {4: 0.99, 11: 0.98}), ((), {11: 0.2}), ((), {}), ((2,), {2: 0.6, 3: 0.59, 7: 0.9}),
         ((1,), {1: 1.0})]


@pytest.fixture
def mixed(make, reference):
    """Each case of MIXED as a challenge, an offer, an initiative and an academic's profile, with its records."""
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    items = []
    for tags, suggested in MIXED:
        made = [("challenge", make.challenge(organisation, sdgs=tags).id), ("offer", make.offer(sdgs=tags).id),
                ("initiative", make.initiative(sdgs=tags).id)]
        profile = make.academic().academic_profile
        profile.sdgs = [db.session.get(SDG, number) for number in tags]
        made.append(("profile", profile.user_id))
        for kind, item_id in made:
            for goal, confidence in suggested.items():
                db.session.add(SdgSuggestionRecord(item_kind=kind, item_id=item_id, goal=goal, confidence=confidence,
                                                   targets=[], reasons=[], text_hash="x"))
            items.append((kind, item_id, set(tags), suggested))
    db.session.add(SdgSuggestionRecord(item_kind="offer", item_id=10_000, goal=7, confidence=0.99, targets=[],
                                       reasons=[], text_hash="x"))  # its offer is gone: nothing to review
    db.session.commit()
    return items


def by_the_rule(items, kinds=ITEM_KINDS) -> tuple[list, list]:
    order = {kind: position for position, kind in enumerate(ITEM_KINDS)}
    listed = sorted(((order[kind], item_id, kind, disagreement(tags, suggested))
                     for kind, item_id, tags, suggested in items if kind in kinds), key=lambda row: row[:2])
    return ([(kind, item_id, reasons) for _o, item_id, kind, reasons in listed if reasons and tags_of(reasons)],
            [(kind, item_id, reasons) for _o, item_id, kind, reasons in listed if reasons and not tags_of(reasons)])


def tags_of(reasons) -> bool:
    return reasons != ["untagged"]


def test_the_page_lists_exactly_the_items_the_rule_lists(mixed):
    disagreeing, untagged = by_the_rule(mixed)
    page = review_page(per_page=1_000)
    assert [(row.kind, row.item_id, row.reasons) for row in page.disagreeing] == disagreeing
    assert [(row.kind, row.item_id, row.reasons) for row in page.untagged] == untagged
    assert (page.disagreeing_total, page.untagged_total, page.more) == (len(disagreeing), len(untagged), False)
    assert len(disagreeing) == 4 * 3 and len(untagged) == 4
    offers = review_page(kinds=("offer",), per_page=1_000)
    assert [(row.kind, row.item_id, row.reasons) for row in offers.disagreeing] == by_the_rule(mixed, ("offer",))[0]


def test_the_pages_together_hold_each_listed_item_once_in_order(mixed):
    disagreeing, untagged = by_the_rule(mixed)
    seen_disagreeing, seen_untagged, number = [], [], 1
    while True:
        page = review_page(page=number, per_page=5)
        assert page.disagreeing_total == len(disagreeing) and page.untagged_total == len(untagged)
        seen_disagreeing += [(row.kind, row.item_id, row.reasons) for row in page.disagreeing]
        seen_untagged += [(row.kind, row.item_id, row.reasons) for row in page.untagged]
        if not page.more:
            break
        number += 1
    assert number == 3 and seen_disagreeing == disagreeing and seen_untagged == untagged
    assert review_page(page=50, per_page=5).disagreeing == []


def test_a_listed_item_shows_its_suggestions_most_confident_first(client, make, login, mixed):
    login(make.coordinator())
    page = client.get("/coordination/sdgs?kind=initiative", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.index("Goal 11: 90%") < text.index(f"Goal 4: {STRONG:.0%}")
