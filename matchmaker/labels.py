"""Human, translated labels for the values stored as codes (roles, kinds, statuses)."""
import enum

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from matchmaker.auth.models import Role
from matchmaker.orgs.models import MembershipStatus, OrganisationKind, OrganisationStatus

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
}


def label_for(value: enum.Enum) -> str:
    """The label in the current language; the raw code if none is defined."""
    return str(LABELS.get(value, value.value))


def choices_for(enum_class: type[enum.Enum]) -> list[SelectChoice]:
    """The options of a select field, in declaration order."""
    return [SelectChoice(member.value, LABELS.get(member, member.value)) for member in enum_class]
