"""How objects look in the API's JSON, and reading JSON bodies with clear errors."""
from flask import request
from flask_babel import gettext as _

from matchmaker.errors import DomainError, ValidationFailed


def json_body() -> dict:
    """The request's JSON object, or a 400 saying what is wrong with it."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError(_("Send a JSON object in the request body, with Content-Type: application/json."))
    return body


def require_strings(body: dict, *names: str) -> dict[str, str]:
    """The named fields as strings; a 422 naming each one that is missing or not a string."""
    errors = {}
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or not value.strip():
            errors[name] = [_("This field is required and must be a text.")]
    if errors:
        raise ValidationFailed(_("Some fields are missing or wrong."), errors)
    return {name: body[name] for name in names}


def user_json(user) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "roles": sorted(role.value for role in user.roles),
        "language": user.preferred_language.value,
        "email_verified": user.email_verified,
        "department": user.academic_profile.department.code if user.academic_profile else None,
        "organisations": [
            {"id": m.organisation.id, "name": m.organisation.name, "status": m.organisation.status.value,
             "membership": m.status.value}
            for m in user.memberships
        ],
    }


def organisation_json(organisation) -> dict:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "kind": organisation.kind.value,
        "city": organisation.city,
        "website": organisation.website,
        "status": organisation.status.value,
        "status_reason": organisation.status_reason,
    }


def department_json(department) -> dict:
    return {"code": department.code, "name_it": department.name_it, "name_en": department.name_en}


def sdg_json(sdg) -> dict:
    return {"number": sdg.number, "name_it": sdg.name_it, "name_en": sdg.name_en}
