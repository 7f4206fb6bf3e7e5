"""The demo data files are checked when read: a broken one is refused with a message naming the file and the entry."""
import json
from datetime import date

import pytest

from matchmaker.challenges.models import ChallengeStatus
from matchmaker.demo import DemoDataError, load_demo_content
from matchmaker.reference.models import HelpKind
from matchmaker.workflow.stages import Stage


def small_demo() -> dict[str, list[dict]]:
    """One entry of each kind, referring to each other as the real files do."""
    return {
        "staff.json": [{"email": "coordinator@polito.it", "name": "Rita Coordinator", "language": "it",
                        "role": "coordinator"}],
        "organisations.json": [{"name": "Casa del Quartiere", "kind": "association", "city": "Torino",
                                "website": None, "description": "Una casa di quartiere.", "status": "verified",
                                "status_reason": None}],
        "members.json": [{"email": "member@casa.example.org", "name": "Mara Member", "language": "it",
                          "organisation": "Casa del Quartiere", "membership": "active"}],
        "academics.json": [{"email": "academic@polito.it", "name": "Aldo Academic", "language": "en",
                            "department": "DIST", "academic_role": "researcher", "biography": "Urban planner.",
                            "expertise": ["urban planning"], "sdgs": [11], "languages": ["en", "it"],
                            "capacity_per_semester": 2, "available": True, "directory_opt_in": True,
                            "suggest_to_organisations": True}],
        "publications.json": [{"academic": "academic@polito.it", "title": "Walking to school", "year": 2024,
                               "venue": "Urban Studies", "abstract": "How children walk to school."}],
        "challenges.json": [{"organisation": "Casa del Quartiere", "title": "Un cortile per tutti",
                             "summary": "Ripensare il cortile con chi ci abita.", "description": "Il cortile è vuoto.",
                             "sdgs": [11], "keywords": ["cortile"], "kind": "student_project",
                             "place": "Aurora", "scale": "neighbourhood", "resources": "Una sala.",
                             "deadline": "2027-03-31", "visibility": "public", "status": "open"}],
        "offers.json": [{"academic": "academic@polito.it", "title": "Design studio",
                         "description": "Students redesign a courtyard.", "kind": "student_project", "sdgs": [11],
                         "keywords": ["courtyard"], "capacity": 1, "available_from": None,
                         "available_until": "2027-06-30", "status": "open"}],
        "proposals.json": [{"organisation": "Casa del Quartiere", "challenge": "Un cortile per tutti",
                            "academics": ["academic@polito.it"], "started_by": "member@casa.example.org",
                            "started_days_ago": 20, "message": "Ci aiuta a ripensare il cortile?",
                            "problem_statement": "Il cortile è vuoto perché nessuno lo sente suo.",
                            "action_plan": None, "indicators": None,
                            "steps": [{"days_ago": 18, "by": "academic@polito.it", "to": "accepted",
                                       "message": "With pleasure."},
                                      {"days_ago": 15, "by": "member@casa.example.org", "to": "framing"},
                                      {"days_ago": 9, "by": "academic@polito.it", "to": "co_creation"}]}],
        "initiatives.json": [{"title": "Courtyard open days", "summary": "Open days in the courtyard.",
                              "description": "Every month.", "partner_story": "", "kind": "co_design",
                              "status": "running", "place": "Torino", "reach": "neighbourhood",
                              "starts_on": "2025-03-01", "ends_on": None, "progress": 50, "sdgs": [11],
                              "leads": ["academic@polito.it"], "other_people": [],
                              "organisations": ["Casa del Quartiere"], "partner_names": [],
                              "milestones": [{"title": "First open day", "due_on": "2025-04-01", "done": True}],
                              "links": [], "review": "approved", "hidden_reason": None,
                              "indicators": []}],
    }


def write(folder, files: dict[str, list[dict]]):
    for name, entries in files.items():
        (folder / name).write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def refusal(folder) -> str:
    with pytest.raises(DemoDataError) as refused:
        load_demo_content(folder)
    return str(refused.value)


def test_the_demo_data_installed_with_the_package_reads_without_a_fault():
    content = load_demo_content()
    for kind in ("staff", "organisations", "members", "academics", "publications", "challenges", "offers",
                 "proposals"):
        assert getattr(content, kind), f"no {kind} in the demo data"


def test_a_well_formed_set_of_files_reads_as_the_models_values(tmp_path):
    content = load_demo_content(write(tmp_path, small_demo()))
    challenge = content.challenges[0]
    assert challenge["kind"] is HelpKind.STUDENT_PROJECT
    assert challenge["status"] is ChallengeStatus.OPEN
    assert challenge["deadline"] == date(2027, 3, 31)
    assert content.offers[0]["available_from"] is None


def test_a_challenge_of_an_organisation_not_in_the_files_is_refused_naming_file_entry_and_organisation(tmp_path):
    files = small_demo()
    files["challenges.json"].insert(0, {**files["challenges.json"][0], "title": "Orti condivisi",
                                        "organisation": "Associazione Inesistente"})
    message = refusal(write(tmp_path, files))
    assert "challenges.json, entry 1 ('Orti condivisi')" in message
    assert "'Associazione Inesistente' is not in organisations.json" in message


def test_an_offer_of_an_academic_not_in_the_files_is_refused(tmp_path):
    files = small_demo()
    files["offers.json"][0]["academic"] = "nobody@polito.it"
    message = refusal(write(tmp_path, files))
    assert "offers.json, entry 1 ('Design studio')" in message
    assert "'nobody@polito.it' is not in academics.json" in message


def test_an_entry_missing_a_key_is_refused_naming_the_key(tmp_path):
    files = small_demo()
    del files["offers.json"][0]["capacity"]
    message = refusal(write(tmp_path, files))
    assert "offers.json, entry 1 ('Design studio'): missing key 'capacity'" in message


def test_a_misspelt_key_is_refused_rather_than_ignored(tmp_path):
    files = small_demo()
    files["academics.json"][0]["expertize"] = files["academics.json"][0].pop("expertise")
    message = refusal(write(tmp_path, files))
    assert "academics.json, entry 1 ('Aldo Academic'): missing key 'expertise'; unknown key 'expertize'" in message


@pytest.mark.parametrize(("file_name", "key", "value", "fault"), [
    ("challenges.json", "kind", "workshop", "'kind' must be one of research_action"),
    ("challenges.json", "deadline", "31/03/2027", "'deadline' must be a day written YYYY-MM-DD"),
    ("challenges.json", "sdgs", [11, 18], "'sdgs' must be a list of SDG numbers, 1 to 17"),
    ("offers.json", "sdgs", [11, [3]], "'sdgs' must be a list of SDG numbers, 1 to 17"),
    ("academics.json", "department", "DXYZ", "'department' must be a department code"),
    ("academics.json", "available", "yes", "'available' must be true or false"),
    ("offers.json", "capacity", -1, "'capacity' must be a whole number"),
    ("organisations.json", "description", "", "'description' must be a non-empty text"),
])
def test_a_value_of_the_wrong_kind_is_refused_saying_what_it_must_be(tmp_path, file_name, key, value, fault):
    files = small_demo()
    files[file_name][0][key] = value
    message = refusal(write(tmp_path, files))
    assert f"{file_name}, entry 1" in message
    assert fault in message
    assert json.dumps(value) in message


def test_a_person_given_twice_is_refused_even_across_files(tmp_path):
    files = small_demo()
    files["academics.json"][0]["email"] = "Member@casa.example.org"
    message = refusal(write(tmp_path, files))
    assert "academics.json, entry 1" in message
    assert "another demo person has this e-mail" in message


def test_a_file_that_is_not_json_is_refused_with_the_line_of_the_fault(tmp_path):
    write(tmp_path, small_demo())
    (tmp_path / "offers.json").write_text('[\n  {"academic": "academic@polito.it",\n  }\n]', encoding="utf-8")
    message = refusal(tmp_path)
    assert "offers.json: not valid JSON" in message
    assert "line 3" in message


def test_a_missing_file_is_refused_naming_it(tmp_path):
    files = small_demo()
    del files["publications.json"]
    message = refusal(write(tmp_path, files))
    assert "publications.json: the file is missing" in message



def test_a_demo_proposal_reads_its_story_as_stages_of_the_workflow(tmp_path):
    proposal = load_demo_content(write(tmp_path, small_demo())).proposals[0]
    assert [step["to"] for step in proposal["steps"]] == [Stage.ACCEPTED, Stage.FRAMING, Stage.CO_CREATION]
    assert proposal["steps"][1]["message"] is None  # the optional keys of a step may be left out


@pytest.mark.parametrize(("change", "fault"), [
    (lambda p: p["steps"].pop(1), "step 2: the transition table refuses the move from accepted to co_creation"),
    (lambda p: p["steps"][0].update(by="member@casa.example.org"),
     "step 1: the transition table refuses the move from proposed to accepted by member@casa.example.org"),
    (lambda p: p.update(problem_statement=None), "step 3: the transition table refuses the move from framing to "
                                                 "co_creation by academic@polito.it (Missing: problem_statement)"),
    (lambda p: p["steps"][0].update(to="declined"), "(Missing: reason)"),
    (lambda p: p["steps"][0].update(to="declined", reason_code="too_busy"), "reason_code must be one of"),
    (lambda p: p["steps"][2].update(days_ago=19), "step 3: days_ago 19 is before the step that precedes it"),
    (lambda p: p["steps"][0].update(by="nobody@polito.it"), "'nobody@polito.it' is not on this proposal"),
    (lambda p: p.update(started_by="coordinator@polito.it"), "started_by must be an active member"),
    (lambda p: p.update(challenge="Un cortile per pochi"), "challenge 'Un cortile per pochi' of 'Casa del "
                                                           "Quartiere' is not in challenges.json"),
    (lambda p: p.update(academics=["nobody@polito.it"]), "academics must name people of academics.json, not "
                                                         "nobody@polito.it"),
    (lambda p: p["steps"][0].update(to="agreed"), "'steps' step 1: must be one of proposed, accepted"),
    (lambda p: p["steps"][0].update(when="yesterday"), "'steps' step 1 must be an object with the keys"),
    (lambda p: p.update(indicators=[{"indicator": "Trees", "value": "many", "unit": "trees", "method": "count"}]),
     "'indicators' must be a list of measured indicators"),
    (lambda p: p.update(action_plan={"objectives": "More shade"}), "'action_plan' must be an object with the texts"),
])
def test_a_demo_proposal_whose_story_the_workflow_would_refuse_is_refused_before_seeding(tmp_path, change, fault):
    files = small_demo()
    change(files["proposals.json"][0])
    message = refusal(write(tmp_path, files))
    assert "proposals.json, entry 1" in message
    assert fault in message


def test_the_same_proposal_given_twice_is_refused(tmp_path):
    files = small_demo()
    files["proposals.json"].append(dict(files["proposals.json"][0]))
    message = refusal(write(tmp_path, files))
    assert "proposals.json, entry 2" in message and "another proposal joins this challenge and these academics" \
        in message


def test_an_initiative_ending_before_it_starts_or_led_by_a_stranger_is_refused(tmp_path):
    files = small_demo()
    files["initiatives.json"][0]["ends_on"] = "2025-02-01"
    assert "initiatives.json, entry 1 ('Courtyard open days'): ends_on is before starts_on" in refusal(
        write(tmp_path, files))
    files = small_demo()
    files["initiatives.json"][0]["leads"] = ["nobody@polito.it"]
    assert "leads must name people of academics.json" in refusal(write(tmp_path, files))
