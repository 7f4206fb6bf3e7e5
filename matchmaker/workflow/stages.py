"""The stages of a proposal and the table of moves between them: the single source of truth (DESIGN.md)."""
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where a proposal stands. The keys are fixed English words; their labels are translated (labels.py)."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    FRAMING = "framing"
    CO_CREATION = "co_creation"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    ACTIVE = "active"
    EVALUATION = "evaluation"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"


class Side(StrEnum):
    """Who fires a move: someone of the challenge's organisation, one of the proposal's academics, a coordinator."""

    ORGANISATION = "organisation"
    ACADEMIC = "academic"
    COORDINATOR = "coordinator"


# Who may fire a move, resolved against the proposal by the machine.
PROPOSER = "proposer"        # the side that started the proposal
INVITED = "invited"          # the side that did not propose
EITHER = "either"            # the organisation or the academics
COORDINATOR = "coordinator"

# What a move may need.
MESSAGE = "message"
REASON = "reason"
PROBLEM_STATEMENT = "problem_statement"
ACTION_PLAN = "action_plan"
INDICATORS = "indicators"

ACTION_PLAN_FIELDS = ("objectives", "activities", "roles", "timeline", "resources", "expected_indicators")
INDICATOR_FIELDS = ("indicator", "value", "unit", "method")


@dataclass(frozen=True)
class Transition:
    """One row of the table: from `source` (None: a new proposal) to `target`, fired by `by`, needing `needs`."""

    source: Stage | None
    target: Stage
    by: frozenset[str]
    needs: tuple[str, ...]
    name: str


def _row(source, target, by, needs, name) -> Transition:
    return Transition(source, target, frozenset({by}), tuple(needs), name)


BEFORE_APPROVAL = (Stage.PROPOSED, Stage.ACCEPTED, Stage.FRAMING, Stage.CO_CREATION, Stage.UNDER_REVIEW)
AFTER_APPROVAL = (Stage.APPROVED, Stage.ACTIVE, Stage.EVALUATION)

TRANSITIONS: tuple[Transition, ...] = (
    _row(None, Stage.PROPOSED, EITHER, [MESSAGE], "propose"),
    _row(Stage.PROPOSED, Stage.ACCEPTED, INVITED, [], "accept"),
    _row(Stage.PROPOSED, Stage.DECLINED, INVITED, [REASON], "decline"),
    _row(Stage.ACCEPTED, Stage.FRAMING, EITHER, [], "start_framing"),
    _row(Stage.FRAMING, Stage.CO_CREATION, EITHER, [PROBLEM_STATEMENT], "agree_problem"),
    _row(Stage.CO_CREATION, Stage.UNDER_REVIEW, EITHER, [ACTION_PLAN], "submit_for_review"),
    _row(Stage.UNDER_REVIEW, Stage.APPROVED, COORDINATOR, [], "approve"),
    _row(Stage.UNDER_REVIEW, Stage.CO_CREATION, COORDINATOR, [REASON], "request_changes"),
    _row(Stage.UNDER_REVIEW, Stage.REJECTED, COORDINATOR, [REASON], "reject"),
    _row(Stage.APPROVED, Stage.ACTIVE, EITHER, [], "start_work"),
    _row(Stage.ACTIVE, Stage.EVALUATION, EITHER, [], "start_evaluation"),
    _row(Stage.EVALUATION, Stage.COMPLETED, COORDINATOR, [INDICATORS], "complete"),
    *(_row(stage, Stage.WITHDRAWN, EITHER, [REASON], "withdraw") for stage in BEFORE_APPROVAL),
    *(_row(stage, Stage.CANCELLED, COORDINATOR, [REASON], "cancel") for stage in AFTER_APPROVAL),
)

# Moves that end something or decide for good: the form asks to confirm them.
FINAL_MOVES = frozenset({"decline", "reject", "approve", "withdraw", "cancel"})

# The common reasons offered per kind of move (plus free text), so that coordinators can count them.
REASONS: dict[str, tuple[str, ...]] = {
    "decline": ("no_capacity", "out_of_scope", "timing", "not_a_fit", "other"),
    "request_changes": ("incomplete_plan", "unclear_roles", "indicators", "timing", "other"),
    "reject": ("out_of_scope", "not_a_fit", "funding", "incomplete_plan", "other"),
    "withdraw": ("no_capacity", "timing", "funding", "not_a_fit", "other"),
    "cancel": ("no_capacity", "funding", "timing", "not_a_fit", "other"),
}
REASON_CODES = tuple(dict.fromkeys(code for codes in REASONS.values() for code in codes))

# Whose answer each stage waits for (None: a final stage, nobody is waited for).
WAITING_ON: dict[Stage, str | None] = {
    Stage.PROPOSED: INVITED,
    Stage.ACCEPTED: EITHER,
    Stage.FRAMING: EITHER,
    Stage.CO_CREATION: EITHER,
    Stage.UNDER_REVIEW: COORDINATOR,
    Stage.APPROVED: EITHER,
    Stage.ACTIVE: EITHER,
    Stage.EVALUATION: COORDINATOR,
    Stage.DECLINED: None,
    Stage.REJECTED: None,
    Stage.COMPLETED: None,
    Stage.WITHDRAWN: None,
    Stage.CANCELLED: None,
}

# Where the workspace may be edited, per field.
EDITABLE: dict[str, frozenset[Stage]] = {
    PROBLEM_STATEMENT: frozenset({Stage.ACCEPTED, Stage.FRAMING, Stage.CO_CREATION}),
    ACTION_PLAN: frozenset({Stage.FRAMING, Stage.CO_CREATION}),
}

# Stages in which the partnership stands: the challenge shows "in partnership with ...".
PARTNERSHIP = frozenset(AFTER_APPROVAL) | {Stage.COMPLETED}
FINAL_STAGES = frozenset(stage for stage, waiting in WAITING_ON.items() if waiting is None)
