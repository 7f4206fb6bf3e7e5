"""Human, translated labels for the values stored as codes (roles, kinds, statuses)."""
import enum
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from matchmaker.academics.models import AcademicRole
from matchmaker.auth.models import Role
from matchmaker.challenges.models import ChallengeStatus, Visibility
from matchmaker.initiatives.models import CurationAction, InitiativeStatus, InterventionKind, ReviewState
from matchmaker.offers.models import OfferStatus
from matchmaker.orgs.models import MembershipStatus, OrganisationKind, OrganisationStatus
from matchmaker.reference.models import HelpKind, Scale
from matchmaker.workflow.stages import Side, Stage

LABELS: dict[enum.Enum, str] = {
    Role.ORGANISATION: _l("Organisation member"),
    Role.ACADEMIC: _l("Academic"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.ADMIN: _l("Administrator"),
    OrganisationKind.SOCIAL_ENTERPRISE: _l("Social enterprise"),
    OrganisationKind.COOPERATIVE: _l("Social cooperative"),
    OrganisationKind.NGO: _l("NGO / non-profit"),
    OrganisationKind.ASSOCIATION: _l("Association"),
    OrganisationKind.SCHOOL: _l("School"),
    OrganisationKind.PUBLIC_BODY: _l("Public body"),
    OrganisationKind.OTHER: _l("Other"),
    OrganisationStatus.PENDING: _l("Waiting for verification"),
    OrganisationStatus.VERIFIED: _l("Verified"),
    OrganisationStatus.REJECTED: _l("Not verified"),
    OrganisationStatus.SUSPENDED: _l("Suspended"),
    MembershipStatus.PENDING: _l("Waiting for approval"),
    MembershipStatus.ACTIVE: _l("Member"),
    HelpKind.RESEARCH_ACTION: _l("Research-action"),
    HelpKind.TECHNICAL_SUPPORT: _l("Technical support"),
    HelpKind.STUDENT_PROJECT: _l("Student project or thesis"),
    HelpKind.TRAINING: _l("Course or training"),
    HelpKind.LAB_ACCESS: _l("Lab or facility access"),
    HelpKind.VOLUNTEERING: _l("Volunteering"),
    HelpKind.OTHER: _l("Other kind of help"),
    Scale.NEIGHBOURHOOD: _l("Neighbourhood"),
    Scale.CITY: _l("City"),
    Scale.REGION: _l("Region"),
    Scale.NATIONAL: _l("National"),
    Scale.INTERNATIONAL: _l("International"),
    Visibility.PUBLIC: _l("Everyone"),
    Visibility.ACADEMICS: _l("Only signed-in academics"),
    ChallengeStatus.DRAFT: _l("Draft"),
    ChallengeStatus.OPEN: _l("Open"),
    ChallengeStatus.PAUSED: _l("Paused"),
    ChallengeStatus.IN_PARTNERSHIP: _l("In partnership"),
    ChallengeStatus.CLOSED: _l("Closed"),
    OfferStatus.OPEN: _l("Open"),
    OfferStatus.PAUSED: _l("Paused"),
    OfferStatus.CLOSED: _l("Closed"),
    AcademicRole.FULL_PROFESSOR: _l("Full professor"),
    AcademicRole.ASSOCIATE_PROFESSOR: _l("Associate professor"),
    AcademicRole.RESEARCHER: _l("Researcher"),
    AcademicRole.POSTDOC: _l("Postdoctoral researcher"),
    AcademicRole.PHD_STUDENT: _l("PhD student"),
    AcademicRole.LAB_STAFF: _l("Lab staff"),
    AcademicRole.OTHER: _l("Other role"),
    Stage.PROPOSED: _l("Proposed"),
    Stage.ACCEPTED: _l("Accepted"),
    Stage.DECLINED: _l("Declined"),
    Stage.FRAMING: _l("Framing the problem"),
    Stage.CO_CREATION: _l("Co-creation"),
    Stage.UNDER_REVIEW: _l("Under review"),
    Stage.APPROVED: _l("Approved"),
    Stage.REJECTED: _l("Rejected"),
    Stage.ACTIVE: _l("Active"),
    Stage.EVALUATION: _l("Evaluation"),
    Stage.COMPLETED: _l("Completed"),
    Stage.WITHDRAWN: _l("Withdrawn"),
    Stage.CANCELLED: _l("Cancelled"),
    Side.ORGANISATION: _l("Organisation"),
    Side.ACADEMIC: _l("Academics"),
    Side.COORDINATOR: _l("Coordinators"),
    InitiativeStatus.PLANNED: _l("Planned"),
    InitiativeStatus.RUNNING: _l("Running"),
    InitiativeStatus.CONCLUDED: _l("Concluded"),
    ReviewState.PENDING: _l("Pending review"),
    ReviewState.APPROVED: _l("Approved"),
    InterventionKind.RESEARCH_ACTION: _l("Research-action"),
    InterventionKind.SERVICE_LEARNING: _l("Service learning (students with the community)"),
    InterventionKind.TRAINING: _l("Course or training"),
    InterventionKind.TECHNICAL_SUPPORT: _l("Technical support"),
    InterventionKind.CO_DESIGN: _l("Co-design of a service or place"),
    InterventionKind.PUBLIC_ENGAGEMENT: _l("Public engagement and dissemination"),
    InterventionKind.VOLUNTEERING: _l("Volunteering"),
    InterventionKind.OTHER: _l("Other kind of intervention"),
    CurationAction.APPROVE: _l("Approved for the public"),
    CurationAction.HIDE: _l("Hidden"),
    CurationAction.UNHIDE: _l("Made visible again"),
    CurationAction.MERGE: _l("Merged as a duplicate"),
}

# The moves of a proposal (workflow/stages.py, by Transition.name): the verbs of their buttons.
MOVE_LABELS = {
    "propose": _l("Propose"),
    "accept": _l("Accept"),
    "decline": _l("Decline"),
    "start_framing": _l("Start framing the problem"),
    "agree_problem": _l("Agree on the problem statement"),
    "submit_for_review": _l("Submit the action plan for review"),
    "approve": _l("Approve"),
    "request_changes": _l("Request changes"),
    "reject": _l("Reject"),
    "start_work": _l("Start the work"),
    "start_evaluation": _l("Start the evaluation"),
    "complete": _l("Complete"),
    "withdraw": _l("Withdraw"),
    "cancel": _l("Cancel the partnership"),
}

# The common reasons of a move (workflow/stages.py REASONS), in words.
REASON_LABELS = {
    "no_capacity": _l("No capacity at the moment"),
    "out_of_scope": _l("Out of scope"),
    "timing": _l("The timing does not work"),
    "not_a_fit": _l("Not a good fit"),
    "funding": _l("Funding"),
    "incomplete_plan": _l("The action plan is incomplete"),
    "unclear_roles": _l("The roles are unclear"),
    "indicators": _l("The impact indicators need work"),
    "other": _l("Other (explain below)"),
}

# What a move needs, named as the forms and the help page say it.
NEED_LABELS = {
    "message": _l("a message"),
    "reason": _l("a reason"),
    "problem_statement": _l("a shared problem statement"),
    "action_plan": _l("an action plan: objectives, activities, roles, timeline, resources, expected indicators"),
    "indicators": _l("at least one measured impact indicator"),
}

# Who fires a move (workflow/stages.py Transition.by).
WHO_LABELS = {
    "proposer": _l("the side that proposed"),
    "invited": _l("the side that did not propose"),
    "either": _l("either side"),
    "coordinator": _l("a coordinator"),
}

# Verbs for the buttons that move a challenge or an offer to a status.
STATUS_ACTIONS = {
    ChallengeStatus.OPEN: _l("Publish"),
    ChallengeStatus.PAUSED: _l("Pause"),
    ChallengeStatus.CLOSED: _l("Close"),
    OfferStatus.OPEN: _l("Open"),
    OfferStatus.PAUSED: _l("Pause"),
    OfferStatus.CLOSED: _l("Close"),
}

LANGUAGE_NAMES = {
    "it": _l("Italian"), "en": _l("English"), "fr": _l("French"), "de": _l("German"), "es": _l("Spanish"),
    "pt": _l("Portuguese"), "ar": _l("Arabic"), "zh": _l("Chinese"), "ro": _l("Romanian"), "sq": _l("Albanian"),
    "other": _l("Other languages"),
}


def label_for(value: enum.Enum) -> str:
    """The label in the current language; the raw code if none is defined."""
    return str(LABELS.get(value, value.value))


def options_in_words(enum_class: type[enum.Enum], *, with_codes: bool = False) -> str:
    """The options of `enum_class` as people read them, in the current language; `with_codes` adds the code
    an API caller sends after each label."""
    if with_codes:
        return ", ".join(f"{label_for(member)} ({member.value})" for member in enum_class)
    return ", ".join(label_for(member) for member in enum_class)


def choose_one_of(enum_class: type[enum.Enum], *, with_codes: bool = False) -> str:
    """The message for a refused choice: what to choose, in words."""
    return _("Choose one of the options: %(options)s.", options=options_in_words(enum_class, with_codes=with_codes))


def move_label(name: str) -> str:
    return str(MOVE_LABELS.get(name, name))


def reason_label(code: str | None) -> str:
    return str(REASON_LABELS.get(code, code or ""))


def action_label(status: enum.Enum) -> str:
    return str(STATUS_ACTIONS.get(status, status.value))


def choices_for(enum_class: type[enum.Enum]) -> list[SelectChoice]:
    """The options of a select field, in declaration order."""
    return [SelectChoice(member.value, LABELS.get(member, member.value)) for member in enum_class]


def reason_sentence(code: str, value: str) -> str | None:
    """One structured reason of the engine as a short sentence in the current language (None: not shown)."""
    if code == "same_kind":
        try:
            value = label_for(HelpKind(value))
        except ValueError:
            pass
        return _("The kind of help sought: %(kind)s", kind=value)
    if code == "same_city":
        return _("Works in %(city)s", city=value)
    if code == "same_area":
        return _("Works in the same area: %(places)s", places=value)
    if code == "available":
        return _("Available this semester")
    if code == "unavailable":
        return _("Not available at the moment")
    if code == "deadline" and value:
        return _("Deadline: %(date)s", date=format_date(date.fromisoformat(value)))
    if code == "close_meaning":
        # Found by meaning (it may be in the other language): the text closest to it, never invented words.
        if value:
            return _("Close in meaning to “%(title)s”", title=value)
        return _("Close in meaning to the profile")
    return None


# What a score of 0–100 means in words. The thresholds follow the scores the demo data stores (687
# suggestions: median 35, three in four below 42, one in ten at 55 or more): "strong" is about the best tenth,
# "good" the next fifth, and the rest "possible" (a suggestion is only stored when it is worth a look).
STRONG_FIT, GOOD_FIT = 55, 40
FIT_LABELS = {"strong": _l("strong fit"), "good": _l("good fit"), "possible": _l("possible fit")}


def fit_level(score: float) -> str:
    """The band of a 0–100 score: strong, good or possible (judged on the whole number the page shows)."""
    shown = round(score)
    return "strong" if shown >= STRONG_FIT else "good" if shown >= GOOD_FIT else "possible"


def fit_label(score: float) -> str:
    """The band of a score in words, in the current language ("good fit")."""
    return str(FIT_LABELS[fit_level(score)])


def score_legend() -> str:
    """One line for beside a list of suggestions: what the number measures and what its labels mean."""
    return _("Score 0–100: how closely the texts match, plus shared goals, kind of help and availability. "
             "From %(strong)d: strong fit; from %(good)d: good fit; below: possible fit.",
             strong=STRONG_FIT, good=GOOD_FIT)


def explanation_sentences(shared_terms, shared_sdgs, reasons) -> list[str]:
    """Why a suggestion is made, as short sentences in the current language (the engine gives codes)."""
    sentences = []
    if shared_terms:
        sentences.append(_("You share: %(terms)s", terms=", ".join(shared_terms)))
    if shared_sdgs:
        sentences.append(_("Both work on SDG %(goals)s", goals=", ".join(str(n) for n in shared_sdgs)))
    for code, value in reasons or ():
        if sentence := reason_sentence(code, value):
            sentences.append(sentence)
    return sentences
