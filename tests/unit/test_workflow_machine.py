"""The transition table, move by move: every (stage, target, side) is allowed with its needs, or refused."""
import itertools
import re
from pathlib import Path

import pytest

from matchmaker.workflow import machine
from matchmaker.workflow.stages import FINAL_STAGES, REASONS, TRANSITIONS, WAITING_ON, Side, Stage

# DESIGN.md's table, written out again here as the promise the machine must keep: from, to, who, needs.
BEFORE_APPROVAL = "proposed accepted framing co_creation under_review".split()
PROMISED = {
    (None, "proposed"): ("either", {"message"}),
    ("proposed", "accepted"): ("invited", set()),
    ("proposed", "declined"): ("invited", {"reason"}),
    ("accepted", "framing"): ("either", set()),
    ("framing", "co_creation"): ("either", {"problem_statement"}),
    ("co_creation", "under_review"): ("either", {"action_plan"}),
    ("under_review", "approved"): ("coordinator", set()),
    ("under_review", "co_creation"): ("coordinator", {"reason"}),
    ("under_review", "rejected"): ("coordinator", {"reason"}),
    ("approved", "active"): ("either", set()),
    ("active", "evaluation"): ("either", set()),
    ("evaluation", "completed"): ("coordinator", {"indicators"}),
    **{(stage, "withdrawn"): ("either", {"reason"}) for stage in BEFORE_APPROVAL},
    **{(stage, "cancelled"): ("coordinator", {"reason"}) for stage in ("approved", "active", "evaluation")},
}
SIDES = [side.value for side in Side]
PROPOSERS = ["organisation", "academic"]
PLAN = {"objectives": "o", "activities": "a", "roles": "r", "timeline": "t", "resources": "s",
        "expected_indicators": "e"}
EVERYTHING = {"message": "Hello", "reason": "We are full this term", "problem_statement": "The shared problem",
              "action_plan": PLAN, "indicators": [{"indicator": "People reached", "value": 120, "unit": "people",
                                                   "method": "Sign-in sheets"}]}


def _promised_side(who: str, proposer: str) -> set[str]:
    invited = "academic" if proposer == "organisation" else "organisation"
    return {"either": {"organisation", "academic"}, "invited": {invited}, "proposer": {proposer},
            "coordinator": {"coordinator"}}[who]


CASES = list(itertools.product([None, *[s.value for s in Stage]], [s.value for s in Stage], SIDES, PROPOSERS))


@pytest.mark.parametrize(("stage", "target", "side", "proposer"), CASES)
def test_every_move_is_allowed_to_exactly_the_promised_side_or_refused(stage, target, side, proposer):
    source = Stage(stage) if stage else None
    promised = PROMISED.get((stage, target))
    if promised is None:
        with pytest.raises(machine.NotAllowed):
            machine.check(source, Stage(target), {side}, proposer, EVERYTHING)
        return
    who, needs = promised
    if side not in _promised_side(who, proposer):
        with pytest.raises(machine.NotYours):
            machine.check(source, Stage(target), {side}, proposer, EVERYTHING)
        return
    transition = machine.check(source, Stage(target), {side}, proposer, EVERYTHING)
    assert set(transition.needs) == needs
    if needs:
        with pytest.raises(machine.Missing) as refused:
            machine.check(source, Stage(target), {side}, proposer, {})
        assert {field.split(".")[0] for field in refused.value.fields} == needs


def test_the_table_has_exactly_the_promised_rows_and_no_other():
    assert {(t.source.value if t.source else None, t.target.value) for t in TRANSITIONS} == set(PROMISED)
    assert len(TRANSITIONS) == len(PROMISED)


def test_changes_requested_is_a_move_back_to_co_creation_not_a_stage():
    move = machine.find(Stage.UNDER_REVIEW, Stage.CO_CREATION)
    assert move.name == "request_changes" and "changes_requested" not in {s.value for s in Stage}


def test_an_action_plan_missing_parts_names_each_missing_part():
    move = machine.find(Stage.CO_CREATION, Stage.UNDER_REVIEW)
    plan = dict(PLAN, roles="  ", timeline="")
    assert machine.missing_inputs(move, {"action_plan": plan}) == ("action_plan.roles", "action_plan.timeline")


@pytest.mark.parametrize("row", [
    {"indicator": "People reached", "value": "120", "unit": "people", "method": "sheets"},  # not a number
    {"indicator": "People reached", "value": 120, "unit": "people", "method": ""},  # how it was measured
    {"indicator": "", "value": 120, "unit": "people", "method": "sheets"},
    {"indicator": "People reached", "value": True, "unit": "people", "method": "sheets"},
])
def test_completing_needs_a_truly_measured_indicator(row):
    move = machine.find(Stage.EVALUATION, Stage.COMPLETED)
    assert machine.missing_inputs(move, {"indicators": [row]}) == ("indicators",)


def test_a_common_reason_is_enough_but_other_must_be_written_out():
    move = machine.find(Stage.PROPOSED, Stage.DECLINED)
    assert machine.missing_inputs(move, {"reason_code": "no_capacity"}) == ()
    assert machine.missing_inputs(move, {"reason_code": "other"}) == ("reason",)
    assert machine.missing_inputs(move, {"reason_code": "other", "reason": "We merged"}) == ()


def test_the_buttons_shown_are_the_moves_the_person_may_make():
    invited = machine.available(Stage.PROPOSED, {"academic"}, "organisation")
    assert {t.name for t in invited} == {"accept", "decline", "withdraw"}
    proposer = machine.available(Stage.PROPOSED, {"organisation"}, "organisation")
    assert {t.name for t in proposer} == {"withdraw"}
    assert {t.name for t in machine.available(Stage.UNDER_REVIEW, {"coordinator"}, "academic")} == {
        "approve", "request_changes", "reject"}
    assert machine.available(Stage.COMPLETED, set(SIDES), "academic") == ()


def test_final_stages_wait_for_nobody_and_others_wait_for_someone():
    assert FINAL_STAGES == {s for s in Stage if not machine.moves_from(s)}
    assert all(WAITING_ON[s] for s in Stage if s not in FINAL_STAGES)
    assert set(WAITING_ON) == set(Stage)


def test_every_move_that_needs_a_reason_offers_common_reasons_and_other():
    for move in TRANSITIONS:
        if "reason" in move.needs:
            assert "other" in REASONS[move.name]


def test_the_diagram_names_every_stage_and_escapes_labels():
    labels = {stage: f"<{stage.value}>" for stage in Stage}
    svg = machine.diagram(labels, title="Stages & moves")
    assert svg.startswith("<svg") and "<title id=\"stage-diagram-title\">Stages &amp; moves</title>" in svg
    for stage in Stage:
        assert f"&lt;{stage.value}&gt;" in svg
    assert "<script" not in svg
    # One arrow per move between stages.
    assert len(re.findall(r"marker-end", svg)) == sum(1 for t in TRANSITIONS if t.source is not None)


def test_a_reader_of_the_readme_sees_the_stages_diagram_of_the_table_in_use():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    diagram = machine.text_diagram()
    assert f"```mermaid\n{diagram}\n```" in readme
    assert diagram.count("-->") == len(TRANSITIONS)
