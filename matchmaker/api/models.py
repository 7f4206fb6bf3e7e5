"""The API's requests and answers as pydantic models: they validate what callers send and make the OpenAPI document.

Each field type carries the message a caller reads when a value is refused (a `Says`), so the refusals stay
the ones the web pages give for the same field, in the caller's language.
"""
import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from flask_babel import gettext as _
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from matchmaker.auth.models import Language, Role
from matchmaker.challenges import services as challenge_rules
from matchmaker.challenges.models import ChallengeStatus, Visibility
from matchmaker.labels import choose_one_of
from matchmaker.offers import services as offer_rules
from matchmaker.offers.models import OfferStatus
from matchmaker.orgs import services as organisation_rules
from matchmaker.orgs.models import MembershipStatus, OrganisationStatus
from matchmaker.reference.models import HelpKind, Scale
from matchmaker.validation import MAX_DATABASE_ID, first_control_character, too_short_message
from matchmaker.workflow import services as workflow_rules
from matchmaker.workflow.stages import REASON_CODES, Stage

# --- field types and their messages ----------------------------------------------------------------------

# What validation.first_control_character refuses (category Cc but tab and line breaks), and the spaces that
# str.strip() removes, spelled out so that the pattern means the same in every regular-expression dialect.
CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
SPACE = r"\t\n\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
ANY_TEXT = rf"^[^{CONTROL}]*$"
SOME_TEXT = rf"^[^{CONTROL}]*[^{CONTROL}{SPACE}][^{CONTROL}]*$"
# Unanchored, as JSON Schema patterns are: somewhere a character that is not a space (nor a control
# character str.strip() removes), whatever else the text holds.
NOT_ONLY_SPACES = rf"[^{SPACE}\x0b\x0c\x1c-\x1f\x85]"
DATE_TYPES = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
WHOLE_NUMBER_TYPES = {"int_type", "int_parsing", "int_from_float"}


@dataclass(frozen=True)
class Says:
    """The message for a refused value of this type: `explain(error)` answers one of pydantic's errors
    (its "type", "loc", "input", "ctx"), or None to leave it to the general rules of `refusal`."""

    explain: Callable[[dict], str | None]


def control_character_message(character: str) -> str:
    return _("Remove the invisible control character (U+%(code)s) from this text: it cannot be saved.",
             code=f"{ord(character):04X}")


def _text_refusal(required: bool) -> Callable[[dict], str | None]:
    def explain(error: dict) -> str | None:
        value = error.get("input")
        if error["type"] == "string_type":
            return _("This field is required.") if required and value is None else _("This must be a text.")
        if error["type"] == "string_too_short":  # counted, as the shared checks count, without the spaces around
            if required and not value.strip():
                return _("This field is required.")
            return too_short_message(error["ctx"]["min_length"], len(value.strip()))
        if error["type"] == "string_too_long":
            return _("Use at most %(n)d characters (now %(count)d).", n=error["ctx"]["max_length"],
                     count=len(value))
        if error["type"] == "string_pattern_mismatch":
            if (control := first_control_character(value)) is not None:
                return control_character_message(control)
            return _("This field is required.")
        return None
    return explain


def text(max_length: int, *, min_length: int | None = None, required: bool = False):
    """A text of at most `max_length` characters (and at least `min_length`), without control characters;
    `required`: not only spaces."""
    return Annotated[str, StringConstraints(max_length=max_length, min_length=min_length,
                                            pattern=SOME_TEXT if required else ANY_TEXT),
                     Says(_text_refusal(required))]


def _exact_float_as_int(value):
    # JSON Schema counts 2.0 as an integer, and so did the checks before: only a fraction, "2" or true is refused.
    return int(value) if isinstance(value, float) and value.is_integer() else value


EXACT_FLOAT_AS_INT = BeforeValidator(_exact_float_as_int)


def whole_number(low: int, high: int, message: Callable[[], str] | None = None):
    """An integer from `low` to `high`, strictly a JSON number without a fraction (not "1", not true)."""
    def explain(error: dict) -> str | None:
        if message is not None:
            return message()
        if error["type"] in WHOLE_NUMBER_TYPES:
            return _("Give a whole number.")
        if error["type"] in ("greater_than_equal", "less_than_equal"):
            return _("Give a number from %(min)d to %(max)d.", min=low, max=high)
        return None
    return Annotated[int, Field(ge=low, le=high), EXACT_FLOAT_AS_INT, Says(explain)]


def choice(enum_class: type[enum.Enum]):
    """One of an enumeration's values."""
    return Annotated[enum_class, Says(lambda error: choose_one_of(enum_class, with_codes=True))]


def _day_refusal(error: dict) -> str | None:
    if error["type"] in DATE_TYPES:
        return _("Give a date as YYYY-MM-DD, for example 2027-03-31.")
    return None


Day = Annotated[date, Says(_day_refusal)]


def _goals_refusal(error: dict) -> str | None:
    if len(error["loc"]) > 1:  # one of the list's items
        return _("%(value)s is not a Sustainable Development Goal: use numbers from 1 to 17.", value=error["input"])
    return _("Give the goals as a list of numbers from 1 to 17.")


Goals = Annotated[list[Annotated[int, Field(ge=1, le=17), EXACT_FLOAT_AS_INT]], Says(_goals_refusal)]
KEYWORDS_MAX, KEYWORD_MAX_LENGTH = 15, 40


def _keywords_refusal(error: dict) -> str | None:
    value = error.get("input")
    if len(error["loc"]) == 1 and error["type"] == "too_long":
        return _("Use at most %(n)d keywords.", n=KEYWORDS_MAX)
    if error["type"] == "string_too_long":
        return _("Keep each keyword within %(n)d characters: “%(keyword)s” is longer.", n=KEYWORD_MAX_LENGTH,
                 keyword=value[:60])
    if error["type"] == "string_pattern_mismatch" and (control := first_control_character(value)) is not None:
        return control_character_message(control)
    return _("Give the keywords as a list of texts.")


Keywords = Annotated[list[Annotated[str, StringConstraints(max_length=KEYWORD_MAX_LENGTH, pattern=ANY_TEXT)]],
                     Field(max_length=KEYWORDS_MAX), Says(_keywords_refusal)]
Version = Annotated[whole_number(1, MAX_DATABASE_ID), Field(
    description="The `version` of the object as last read. When given and the object has changed since, "
                "nothing is changed and the answer is 409 with the code `stale_version`: reload and try again.")]

# --- requests --------------------------------------------------------------------------------------------


class Request(BaseModel):
    """A request body: a field nobody can set is refused, so a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class TokenRequest(BaseModel):
    """An e-mail and password exchanged for a personal access token."""

    model_config = ConfigDict(extra="ignore")
    email: Annotated[str, StringConstraints(pattern=NOT_ONLY_SPACES),
                     Says(lambda error: _("This field is required and must be a text."))]
    password: Annotated[str, StringConstraints(pattern=NOT_ONLY_SPACES),
                        Says(lambda error: _("This field is required and must be a text."))]
    name: text(80) | None = Field(None, description="A label for the token.")
    days: whole_number(1, 365, lambda: _("Choose a whole number of days between 1 and %(max)d.", max=365)) | None \
        = Field(None, description="How many days the token works; the platform's default (90 unless configured) "
                                  "when left out.")


class VerificationDecision(BaseModel):
    """A coordinator's decision on an organisation."""

    model_config = ConfigDict(extra="ignore")
    status: Annotated[Literal["verified", "rejected", "suspended"], Says(
        lambda error: _("Use one of: %(values)s.", values="verified, rejected, suspended"))]
    reason: text(organisation_rules.REASON_MAX_LENGTH) | None = Field(
        None, description="Required when rejecting or suspending.")


class ChallengeFields(Request):
    title: text(challenge_rules.TITLE_MAX, min_length=challenge_rules.TITLE_MIN, required=True)
    summary: text(challenge_rules.SUMMARY_MAX, min_length=challenge_rules.SUMMARY_MIN, required=True)
    description: text(challenge_rules.DESCRIPTION_MAX) | None = Field(None, description="Markdown.")
    sdgs: Goals | None = None
    keywords: Keywords | None = None
    kind: choice(HelpKind)
    place: text(challenge_rules.PLACE_MAX) | None = None
    scale: choice(Scale) = Field(None, description="`city` when left out.")
    resources: text(challenge_rules.RESOURCES_MAX) | None = None
    deadline: Day | None = Field(None, description="Today or later.")
    visibility: choice(Visibility) = Field(None, description="`public` when left out.")


class ChallengeInput(ChallengeFields):
    """A new challenge; it starts as a draft."""

    organisation_id: whole_number(1, MAX_DATABASE_ID, lambda: _(
        "Give the id of one of your organisations as a whole number, such as 12.")) | None = Field(
        None, description="Needed when the caller belongs to several organisations.")


class ChallengePatch(ChallengeFields):
    """Only the fields given change. `status: open` publishes, once the organisation is verified."""

    title: text(challenge_rules.TITLE_MAX, min_length=challenge_rules.TITLE_MIN, required=True) = None
    summary: text(challenge_rules.SUMMARY_MAX, min_length=challenge_rules.SUMMARY_MIN, required=True) = None
    kind: choice(HelpKind) = None
    status: choice(ChallengeStatus) = None
    version: Version | None = None


class OfferFields(Request):
    title: text(offer_rules.TITLE_MAX, min_length=offer_rules.TITLE_MIN, required=True)
    description: text(offer_rules.DESCRIPTION_MAX, required=True) = Field(description="Markdown.")
    kind: choice(HelpKind)
    sdgs: Goals | None = None
    keywords: Keywords | None = None
    capacity: whole_number(1, 100) = Field(None, description="1 when left out.")
    available_from: Day | None = None
    available_until: Day | None = Field(None, description="Today or later, and not before `available_from`.")


class OfferInput(OfferFields):
    """A new offer; it is open at once."""


class OfferPatch(OfferFields):
    """Only the fields given change."""

    title: text(offer_rules.TITLE_MAX, min_length=offer_rules.TITLE_MIN, required=True) = None
    description: text(offer_rules.DESCRIPTION_MAX, required=True) = Field(None, description="Markdown.")
    kind: choice(HelpKind) = None
    status: choice(OfferStatus) = None
    version: Version | None = None


# --- query strings ---------------------------------------------------------------------------------------

class Query(BaseModel):
    """Query-string arguments: values arrive as text, other arguments are ignored."""

    model_config = ConfigDict(extra="ignore")


class ListQuery(Query):
    """The filters of every list (read by listing.ListFilters, which the list pages share)."""

    q: str = Field(None, description="Words to look for in titles, texts and keywords.")
    sdg: int = Field(None, ge=1, le=17, description="Only items tagged with this goal.")
    kind: HelpKind = Field(None, description="Kind of help.")
    department: str = Field(None, description="Department code, such as DIST.")
    status: str = Field(None, description="Status; open by default for challenges and offers, `available` "
                                                 "for academics.")
    place: str = Field(None, description="Part of the place or city name.")
    sort: str = Field(None, description="Order of the results.")
    page: int = Field(None, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(None, ge=1, le=100, description="Items per page, 1 to 100 (default 20).")


MatchCount = Annotated[whole_number(1, 50, lambda: _("Give a number from %(min)d to %(max)d.", min=1, max=50)),
                       Field(description="How many suggestions, 1 to 50.")]


class MatchQuery(Query):
    k: MatchCount = 10


class ChallengeMatchQuery(MatchQuery):
    type: Annotated[Literal["academics", "offers"], Says(
        lambda error: _("Choose one of the options (%(allowed)s).", allowed="academics, offers"))] = Field(
        "academics", description="What to suggest.")


# --- answers ---------------------------------------------------------------------------------------------

class Answer(BaseModel):
    """An answer's shape, as the serialisers in schemas.py write it (the API fuzz test holds them to it)."""


class ErrorDetail(Answer):
    code: str = Field(examples=["validation_failed"])
    message: str
    fields: dict[str, list[str]] = Field(description="A message for each field or argument that is wrong.")


class Error(Answer):
    """What went wrong, in the caller's language."""

    error: ErrorDetail


class Health(Answer):
    """Whether the service and its database are up."""

    status: Literal["ok", "error"]
    database: Literal["ok", "error"]


class Token(Answer):
    """The token, shown this once."""

    token: str
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None = Field(description="When it stops working; null: never.")


class Named(Answer):
    id: int
    name: str


class Membership(Named):
    status: OrganisationStatus
    membership: MembershipStatus


class Me(Answer):
    """The calling user."""

    id: int
    email: str
    name: str
    roles: list[Role]
    language: Language
    email_verified: bool
    department: str | None
    organisations: list[Membership]


class Department(Answer):
    code: str = Field(examples=["DIST"])
    name_it: str
    name_en: str


class Departments(Answer):
    """All departments."""

    items: list[Department]


class SDG(Answer):
    number: int = Field(ge=1, le=17)
    name_it: str
    name_en: str


class SDGs(Answer):
    """All 17 goals."""

    items: list[SDG]


class Organisation(Named):
    """The organisation after the decision."""

    kind: str
    city: str
    website: str | None
    status: OrganisationStatus
    status_reason: str | None


class Challenge(Answer):
    """The challenge."""

    id: int
    title: str
    summary: str
    description: str = Field(description="Markdown.")
    sdgs: list[int]
    keywords: list[str]
    kind: HelpKind
    place: str | None
    scale: Scale
    resources: str | None
    deadline: date | None
    visibility: Visibility
    status: ChallengeStatus
    hidden: bool
    organisation: Named
    created_at: datetime
    published_at: datetime | None
    version: int = Field(description="Raised by every change; send it back in a PATCH to refuse stale writes.")


class OfferAuthor(Named):
    department: str


class Offer(Answer):
    """The offer."""

    id: int
    title: str
    description: str = Field(description="Markdown.")
    kind: HelpKind
    sdgs: list[int]
    keywords: list[str]
    capacity: int
    available_from: date | None
    available_until: date | None
    status: OfferStatus
    hidden: bool
    academic: OfferAuthor
    created_at: datetime
    version: int = Field(description="Raised by every change; send it back in a PATCH to refuse stale writes.")


class Academic(Answer):
    id: int
    name: str
    department: str
    role: str | None
    biography: str
    expertise: list[str]
    sdgs: list[int]
    languages: list[str]
    capacity_per_semester: int
    available: bool


Item = TypeVar("Item")


class Page(Answer, Generic[Item]):
    """A page of results."""

    items: list[Item]
    total: int
    page: int
    per_page: int
    pages: int


class Reason(Answer):
    code: Literal["same_kind", "same_city", "same_area", "available", "unavailable", "deadline"]
    value: str
    text: str = Field(description="The reason in the caller's language.")


class Explanation(Answer):
    shared_terms: list[str] = Field(description="The distinctive words both sides use that counted most (no stop "
                                    "words, generic words, numbers or place names).")
    shared_sdgs: list[int]
    reasons: list[Reason]


Score = Annotated[float, Field(ge=0, le=100, description="How well it fits, 0–100.")]
Components = Annotated[dict[str, float], Field(
    description="Each signal in [0, 1] before weighting: text, sdgs, kind, place, availability.")]


class AcademicMatch(Answer):
    id: int
    type: Literal["academic"]
    name: str
    department: str | None
    available: bool
    score: Score
    components: Components
    explanation: Explanation


class OfferMatch(Answer):
    id: int
    type: Literal["offer"]
    title: str
    kind: HelpKind
    academic: Named
    score: Score
    components: Components
    explanation: Explanation


class ChallengeMatch(Answer):
    id: int
    type: Literal["challenge"]
    title: str
    kind: HelpKind
    deadline: date | None
    organisation: Named
    score: Score
    components: Components
    explanation: Explanation


class ChallengeSuggestions(Answer):
    """Suggestions, best first: academics or offers, as asked."""

    items: list[Annotated[AcademicMatch | OfferMatch, Field(discriminator="type")]]


class ChallengeMatches(Answer):
    """Suggestions, best first."""

    items: list[ChallengeMatch]


class TeamMember(Answer):
    id: int
    type: Literal["academic"]
    name: str
    department: str | None
    brings: list[str] = Field(description="The challenge's terms this member covers that the others do not.")
    score: float | None
    components: Components
    explanation: Explanation


class Team(Answer):
    """The team and how much of the challenge it covers."""

    items: list[TeamMember]
    coverage: float | None
    best_single_coverage: float | None


# --- proposals -------------------------------------------------------------------------------------------

Id = whole_number(1, MAX_DATABASE_ID)
PlanText = text(workflow_rules.PLAN_FIELD_MAX)


class ProposalInput(Request):
    """A new proposal: an organisation member invites academics (`academic_ids`, and/or the authors of
    `offer_ids`); an academic offers help ("I can help") and is its sole academic."""

    challenge_id: Id
    message: text(workflow_rules.MESSAGE_MAX, required=True)
    academic_ids: list[Id] | None = Field(None, max_length=20, description="For organisation members.")
    offer_ids: list[Id] | None = Field(None, max_length=20, description="Offers the academics bring.")


class ActionPlanInput(Request):
    """The six parts of an action plan; submitting for review needs every one."""

    objectives: PlanText | None = None
    activities: PlanText | None = None
    roles: PlanText | None = Field(None, description="The roles of each side.")
    timeline: PlanText | None = None
    resources: PlanText | None = None
    expected_indicators: PlanText | None = None


class IndicatorInput(Request):
    """A measured impact indicator: what, a number, its unit, and how it was measured."""

    indicator: text(workflow_rules.INDICATOR_TEXT_MAX) | None = None
    value: Annotated[float, Field(allow_inf_nan=False), Says(lambda error: _("Give a number."))] | None = None
    unit: text(workflow_rules.UNIT_MAX) | None = None
    method: text(workflow_rules.REASON_MAX) | None = Field(None, description="How it was measured.")


class TransitionInput(Request):
    """Move a proposal to the stage `to`, with what that move needs (see /help): `reason` or `reason_code` to
    decline, reject, withdraw, cancel or request changes; `problem_statement` to leave framing; `action_plan` to
    submit for review; `indicators` to complete."""

    to: choice(Stage)
    version: Version | None = None
    reason: text(workflow_rules.REASON_MAX) | None = None
    reason_code: Annotated[Literal[REASON_CODES], Says(lambda error: _(
        "Choose one of the options (%(allowed)s).", allowed=", ".join(REASON_CODES)))] | None = None
    problem_statement: text(workflow_rules.PROBLEM_STATEMENT_MAX) | None = None
    action_plan: ActionPlanInput | None = None
    indicators: list[IndicatorInput] | None = Field(None, max_length=10)


class MessageInput(Request):
    """A message for the people on the proposal."""

    body: text(workflow_rules.MESSAGE_MAX, required=True)


class ProposalQuery(Query):
    stage: Stage = Field(None, description="Only proposals at this stage.")


class ProposalAcademic(Named):
    offer_id: int | None


class ProposalEvent(Answer):
    id: int
    move: str = Field(description="The move's name, such as `request_changes`.")
    from_stage: Stage | None
    to_stage: Stage
    actor: str | None = Field(description="The name of who moved it.")
    created_at: datetime
    reason_code: str | None
    reason: str | None
    payload: dict = Field(description="What was submitted with the move.")


class ProposalSummary(Answer):
    """The proposal."""

    id: int
    challenge: Named
    organisation: Named
    stage: Stage
    proposer_side: Literal["organisation", "academic"]
    academics: list[ProposalAcademic]
    stage_changed_at: datetime
    created_at: datetime
    version: int = Field(description="Send it back with a move to refuse it if someone moved the proposal first.")


class Proposal(ProposalSummary):
    """The proposal, its workspace, the moves open to the caller and its timeline."""

    problem_statement: str
    action_plan: dict[str, str]
    moves: list[Stage] = Field(description="The stages the caller may move it to now.")
    events: list[ProposalEvent]


class Proposals(Answer):
    """The caller's proposals (every proposal for a coordinator), the most recently moved first."""

    items: list[ProposalSummary]


class StageConflict(Answer):
    """The proposal changed meanwhile (or the move does not exist from its stage): `stage` says where it is."""

    error: ErrorDetail
    stage: Stage


class ProposalMessage(Answer):
    """The message."""

    id: int
    author: str | None
    body: str
    created_at: datetime


class ProposalMessages(Answer):
    """The thread, oldest first."""

    items: list[ProposalMessage]


# --- notifications -----------------------------------------------------------------------------------------

class NotificationQuery(Query):
    unread: bool = Field(False, description="`true`: only the notifications not read yet.")


class Notification(Answer):
    """One notification, worded in the caller's language."""

    id: int
    kind: Literal["invitation", "move", "message", "reminder", "stalled"]
    text: str
    proposal_id: int | None
    link: str = Field(description="The page it is about.")
    created_at: datetime
    read_at: datetime | None


class Notifications(Answer):
    """The caller's notifications, newest first, and how many are unread."""

    items: list[Notification]
    unread: int


# --- open data: initiatives and impact ------------------------------------------------------------------------

DepartmentCode = Annotated[str, StringConstraints(max_length=16, pattern=r"^[A-Za-z]{1,16}$"), Says(
    lambda error: _("Give a department code, such as DIST."))]
Flag = Annotated[bool, Says(lambda error: _("Use true or false."))]
FigureYear = whole_number(1900, 2200)
Goal = whole_number(1, 17, lambda: _("Give a Sustainable Development Goal as a number from 1 to 17."))


class InitiativeQuery(Query):
    sdg: Goal = Field(None, description="Only initiatives serving this goal.")
    department: DepartmentCode = Field(None, description="Only initiatives of this department (its code, such as "
                                                         "DIST).")
    year: FigureYear = Field(None, description="Only initiatives running during this year: started by its end and "
                                               "not ended before its start (initiatives without a start date are "
                                               "left out).")
    page: whole_number(1, 100_000) = Field(None, description="Page number, from 1.")
    per_page: whole_number(1, 100) = Field(None, description="Items per page, 1 to 100 (default 20).")


class SummaryQuery(Query):
    year: FigureYear = Field(None, description="Only values of this year.")
    sdg: Goal = Field(None, description="Only values of initiatives serving this goal.")
    department: DepartmentCode = Field(None, description="Only values of initiatives of this department.")
    verified: Flag = Field(False, description="`true`: only confirmed values.")


class OpenInitiative(Answer):
    """A public initiative: the columns of /opendata/initiatives.csv, with lists as lists (see the data
    dictionary at /opendata/dictionary). Only people who opted in to the public directory are named."""

    external_id: str | None
    id: int
    title: str
    summary: str
    description: str | None = Field(description="Markdown.")
    partner_story: str | None
    kind: str
    place: str | None
    reach: str
    starts_on: date | None
    ends_on: date | None
    status: str
    progress: int | None
    sdgs: list[int]
    departments: list[str]
    people: list[str]
    partners: list[str]
    updated_at: datetime | None


class OpenValue(Answer):
    indicator_code: str
    indicator_name: str = Field(description="In the caller's language.")
    unit: str
    year: int
    value: float = Field(ge=0)
    verification_state: Literal["declared", "confirmed"] = Field(description="Disputed values are left out.")
    method: str
    measured_by: str
    evidence_url: str | None


class InitiativeWithValues(OpenInitiative):
    """The initiative and its indicator values that published figures count, each with its source and
    verification."""

    values: list[OpenValue]


Sums = dict[str, float]


class ImpactSummary(Answer):
    """The published figures: sums of the values that count (public initiatives, nothing disputed) per indicator
    code, overall and by year, SDG and department. A value counts under each of its initiative's goals and
    departments, so by_sdg and by_department do not add up to the totals."""

    totals: Sums
    by_year: dict[str, Sums]
    by_sdg: dict[str, Sums]
    by_department: dict[str, Sums]


# --- SDG suggestions -------------------------------------------------------------------------------------------

SUGGESTION_TEXT_MAX = 10_000  # as matchmaker.sdgs.suggesting.TEXT_MAX
SuggestionText = text(SUGGESTION_TEXT_MAX, required=True)  # named apart: the field below is called `text` too


class SuggestRequest(Request):
    """A text whose Sustainable Development Goals are wanted."""

    text: SuggestionText = Field(description="Italian or English, up to 10,000 characters.")
    language: Annotated[Literal["it", "en"], Says(lambda error: _("Use one of: %(values)s.", values="it, en"))] \
        | None = Field(None, description="The text's language, when known; otherwise it is guessed.")


class SuggestedGoal(Answer):
    number: int = Field(description="The goal, 1 to 17.")
    confidence: float = Field(description="From 0 to 1.")
    targets: list[str] = Field(description="The targets under the goal the text addresses, best first (\"11.7\").")
    reasons: list[str] = Field(description="The words of the text, or the target's statement, that triggered it.")


class SdgSuggestions(Answer):
    sdgs: list[SuggestedGoal]
