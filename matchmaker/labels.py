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
from matchmaker.offers.models import OfferStatus
from matchmaker.orgs.models import MembershipStatus, OrganisationKind, OrganisationStatus
from matchmaker.reference.models import HelpKind, Scale

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
}

# Verbs for the buttons that move a challenge or an offer to a status.
STATUS_ACTIONS = {
    ChallengeStatus.OPEN: _l("Publish"),
    ChallengeStatus.PAUSED: _l("Pause"),
    ChallengeStatus.IN_PARTNERSHIP: _l("Mark as in partnership"),
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
    if code == "available":
        return _("Available this semester")
    if code == "unavailable":
        return _("Not available at the moment")
    if code == "deadline" and value:
        return _("Deadline: %(date)s", date=format_date(date.fromisoformat(value)))
    return None


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
