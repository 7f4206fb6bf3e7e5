"""The goals' pages and the loading of the UN's texts: a visitor reads each goal's statement and targets and finds
what the platform holds under it, never what they may not see; loading the same texts twice changes nothing."""
import sqlalchemy as sa

from matchmaker.challenges.models import ChallengeStatus
from matchmaker.engine.sdg_reference import GoalText, IndicatorText, QueryPhrase, SdgReference, TargetText
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import SDG, SDGIndicator, SDGQueryPhrase, SDGTarget
from matchmaker.sdgs.services import load_reference
from matchmaker.types import utcnow

EN, IT = {"Accept-Language": "en"}, {"Accept-Language": "it"}

REFERENCE = SdgReference(
    goals=(GoalText(11, "Sustainable cities and communities", "Città e comunità sostenibili",
                    "Make cities and human settlements inclusive, safe, resilient and sustainable",
                    "Rendere le città e gli insediamenti umani inclusivi, sicuri, duraturi e sostenibili"),),
    targets=(TargetText("11.1", 11, "By 2030, ensure access for all to adequate, safe and affordable housing",
                        "Entro il 2030, garantire a tutti l'accesso ad alloggi adeguati, sicuri e convenienti"),
             TargetText("11.7", 11, "By 2030, provide universal access to safe, inclusive and accessible, green "
                                    "and public spaces", "Entro il 2030, fornire accesso universale a spazi verdi "
                                                         "e pubblici sicuri, inclusivi e accessibili")),
    indicators=(IndicatorText("11.7.1", "11.7", "Average share of the built-up area of cities that is open space"),),
    phrases=(QueryPhrase(11, "11.1", "affordable housing", "en"), QueryPhrase(11, None, "urban planning", "en")),
)


def test_loading_the_texts_twice_changes_nothing(app):
    first = load_reference(REFERENCE)
    db.session.commit()
    rows = lambda: (db.session.scalars(sa.select(SDGTarget.code).order_by(SDGTarget.code)).all(),  # noqa: E731
                    db.session.scalars(sa.select(SDGQueryPhrase.id).order_by(SDGQueryPhrase.id)).all(),
                    db.session.scalars(sa.select(SDGIndicator.code)).all())
    before = rows()
    assert load_reference(REFERENCE) == first == {"goals": 1, "targets": 2, "indicators": 1, "phrases": 2}
    db.session.commit()
    assert rows() == before and before[0] == ["11.1", "11.7"]
    assert db.session.get(SDG, 11).statement_it.startswith("Rendere le città")
    assert db.session.get(SDG, 11).name_en == "Sustainable cities and communities"  # the platform's names stay


def test_a_visitor_reads_a_goal_s_statement_and_targets_in_their_language(client):
    load_reference(REFERENCE)
    db.session.commit()
    english = client.get("/sdgs/11", headers=EN).get_data(as_text=True)
    assert "Make cities and human settlements inclusive" in english and "affordable housing" in english
    italian = client.get("/sdgs/11", headers=IT).get_data(as_text=True)
    assert "Rendere le città" in italian and "alloggi adeguati" in italian
    index = client.get("/sdgs/", headers=EN).get_data(as_text=True)
    assert all(f'href="/sdgs/{number}"' in index for number in range(1, 18))


def test_a_goal_without_loaded_texts_still_has_its_page(client):
    page = client.get("/sdgs/4", headers=EN)
    assert page.status_code == 200 and "have not been loaded yet" in page.get_data(as_text=True)


def test_a_goal_lists_only_what_the_visitor_may_see(client, make):
    verified = make.organisation(status=OrganisationStatus.VERIFIED)
    shown = make.challenge(verified, title="Safe streets for children", sdgs=(11,))
    make.challenge(verified, title="A draft nobody sees", sdgs=(11,), status=ChallengeStatus.DRAFT)
    make.challenge(verified, title="Hidden by a coordinator", sdgs=(11,), hidden_at=utcnow(), hidden_reason="Spam")
    make.challenge(verified, title="About schools", sdgs=(4,))
    initiative = make.initiative(title="Gardens in Mirafiori", sdgs=(11,))
    make.initiative(title="Pending review", sdgs=(11,), approved=False)
    listed = make.profile(make.academic(verified=True, name="Giulia Rossi"), directory_opt_in=True)
    listed.sdgs = [db.session.get(SDG, 11)]
    unlisted = make.profile(make.academic(verified=True, name="Not Listed"), directory_opt_in=False)
    unlisted.sdgs = [db.session.get(SDG, 11)]
    db.session.commit()
    page = client.get("/sdgs/11", headers=EN).get_data(as_text=True)
    assert f'href="/challenges/{shown.id}"' in page and f'href="/initiatives/{initiative.id}"' in page
    assert "Giulia Rossi" in page
    for hidden in ("A draft nobody sees", "Hidden by a coordinator", "About schools", "Pending review", "Not Listed"):
        assert hidden not in page, hidden


def test_a_goal_that_does_not_exist_is_not_found(client):
    for address in ("/sdgs/0", "/sdgs/18", "/sdgs/99999999999999999999", "/sdgs/abc"):
        assert client.get(address).status_code == 404, address


def test_the_command_loads_a_folder_and_refuses_one_it_cannot_read(runner, tmp_path):
    result = runner.invoke(args=["load-sdgs", "--data", str(tmp_path)])
    assert result.exit_code != 0 and "cannot read" in result.output
