"""The /api/v1 endpoints. Each loads, checks permission, calls one service and answers JSON."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from matchmaker.api.auth import authenticate_api_request, require_api_user
from matchmaker.api.market import blueprint as market_blueprint
from matchmaker.api.openapi import openapi_document
from matchmaker.api.schemas import (
    department_json,
    json_body,
    organisation_json,
    require_strings,
    sdg_json,
    token_json,
    user_json,
)
from matchmaker.auth import services as auth_services
from matchmaker.errors import Forbidden, NotAuthenticated, NotFound, ValidationFailed
from matchmaker.extensions import csrf, db
from matchmaker.orgs import services as org_services
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.permissions import can, require
from matchmaker.reference.services import list_departments, list_sdgs

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)  # authenticate_api_request applies CSRF itself to cookie-based writes
blueprint.before_request(authenticate_api_request)  # also runs for the nested blueprints below
csrf.exempt(market_blueprint)
blueprint.register_blueprint(market_blueprint)


@blueprint.get("/health")
def health():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "error", "database": "error"}), 503
    return jsonify({"status": "ok", "database": "ok"})


@blueprint.post("/tokens")
def create_token():
    body = json_body()
    fields = require_strings(body, "email", "password")
    # The same budgets as the sign-in form: guessing here or there uses up one count.
    user = auth_services.authenticate(fields["email"], fields["password"], request.remote_addr)
    if user is None:
        raise NotAuthenticated(_("The e-mail or the password is not right."))
    if not can(user, "token.create"):
        raise Forbidden(_("Confirm your e-mail address before creating an API token: open the link we sent you."))
    name = body.get("name") if isinstance(body.get("name"), str) else "API"
    token, raw = auth_services.create_api_token(user, name, body.get("days"))
    db.session.commit()
    return jsonify(token_json(token) | {"token": raw}), 201


@blueprint.get("/me")
def me():
    return jsonify(user_json(require_api_user()))


@blueprint.get("/departments")
def departments():
    return jsonify({"items": [department_json(d) for d in list_departments()]})


@blueprint.get("/sdgs")
def sdgs():
    return jsonify({"items": [sdg_json(s) for s in list_sdgs()]})


API_DECISIONS = {"verified": OrganisationStatus.VERIFIED, "rejected": OrganisationStatus.REJECTED,
                 "suspended": OrganisationStatus.SUSPENDED}


@blueprint.post("/organisations/<int:organisation_id>/verification")
def verify_organisation(organisation_id: int):
    user = require_api_user()
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("This organisation does not exist."))
    require("organisation.verify", organisation, user=user)
    body = json_body()
    status = API_DECISIONS.get(body.get("status")) if isinstance(body.get("status"), str) else None
    if status is None:
        raise ValidationFailed(_("Some fields are missing or wrong."),
                               {"status": [_("Use one of: %(values)s.", values=", ".join(API_DECISIONS))]})
    reason = body.get("reason") if isinstance(body.get("reason"), str) else None
    org_services.decide_organisation(organisation, status, user, reason)
    db.session.commit()
    return jsonify(organisation_json(organisation))


@blueprint.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
