"""What every template can use: the permission check, the current language, names in that language."""
from flask import Flask
from flask_babel import get_locale
from flask_login import current_user

from matchmaker.orgs.models import OrganisationKind, OrganisationStatus
from matchmaker.permissions import can
from matchmaker.labels import label_for


def current_language() -> str:
    return str(get_locale() or "it")


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=lambda action, obj=None: can(current_user, action, obj),
        current_language=current_language,
        label_for=label_for,
        OrganisationKind=OrganisationKind,
        OrganisationStatus=OrganisationStatus,
    )
    app.jinja_env.filters["localised_name"] = lambda obj: obj.name_in(current_language())
