"""The /api/v1 endpoints. Each loads, checks permission, calls one service and answers JSON."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from matchmaker.api import models
from matchmaker.api.auth import authenticate_api_request, require_api_user
from matchmaker.api.impact import blueprint as impact_blueprint
from matchmaker.api.market import blueprint as market_blueprint
from matchmaker.api.models import Error
from matchmaker.api.notifications import blueprint as notifications_blueprint
from matchmaker.api.openapi import describe, openapi_document
from matchmaker.api.parsing import valid_body
from matchmaker.api.proposals import blueprint as proposals_blueprint
from matchmaker.api.schemas import department_json, organisation_json, sdg_json, token_json, user_json
from matchmaker.api.sdgs import blueprint as sdgs_blueprint
from matchmaker.auth import services as auth_services
from matchmaker.errors import Forbidden, NotAuthenticated, NotFound
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
csrf.exempt(proposals_blueprint)
blueprint.register_blueprint(proposals_blueprint)
csrf.exempt(notifications_blueprint)
blueprint.register_blueprint(notifications_blueprint)
csrf.exempt(impact_blueprint)
blueprint.register_blueprint(impact_blueprint)
csrf.exempt(sdgs_blueprint)
blueprint.register_blueprint(sdgs_blueprint)


@blueprint.get("/health")
@describe("Is the service and its database up?",
          responses={200: models.Health,
                     503: (models.Health, "The database cannot be reached; `database` is `error`.")})
def health():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "error", "database": "error"}), 503
    return jsonify({"status": "ok", "database": "ok"})


@blueprint.post("/tokens")
@describe("Exchange an e-mail and password for a personal access token.",
          description="Failed attempts share one budget with the sign-in form, per client address and per account; "
                      "past it the answer is 429 with `Retry-After`. Only people who confirmed their e-mail address "
                      "get a token, and each person holds a limited number of active tokens.",
          request=models.TokenRequest, responses={201: models.Token, 403: Error, 422: Error, 429: Error})
def create_token():
    body = valid_body()
    # The same budgets as the sign-in form: guessing here or there uses up one count.
    user = auth_services.authenticate(body.email, body.password, request.remote_addr)
    if user is None:
        raise NotAuthenticated(_("The e-mail or the password is not right."))
    if not can(user, "token.create"):
        raise Forbidden(_("Confirm your e-mail address before creating an API token: open the link we sent you."))
    token, raw = auth_services.create_api_token(user, "API" if body.name is None else body.name, body.days)
    db.session.commit()
    return jsonify(token_json(token) | {"token": raw}), 201


@blueprint.get("/me")
@describe("The calling user, with roles and organisations.", token=True, responses={200: models.Me})
def me():
    return jsonify(user_json(require_api_user()))


@blueprint.get("/departments")
@describe("The university's departments.", responses={200: models.Departments})
def departments():
    return jsonify({"items": [department_json(d) for d in list_departments()]})


@blueprint.get("/sdgs")
@describe("The 17 UN Sustainable Development Goals.", responses={200: models.SDGs})
def sdgs():
    return jsonify({"items": [sdg_json(s) for s in list_sdgs()]})


API_DECISIONS = {"verified": OrganisationStatus.VERIFIED, "rejected": OrganisationStatus.REJECTED,
                 "suspended": OrganisationStatus.SUSPENDED}


@blueprint.post("/organisations/<int:organisation_id>/verification")
@describe("A coordinator verifies, rejects or suspends an organisation.", token=True,
          request=models.VerificationDecision,
          responses={200: models.Organisation, 403: Error, 404: Error, 409: Error, 422: Error})
def verify_organisation(organisation_id: int):
    user = require_api_user()
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("This organisation does not exist."))
    require("organisation.verify", organisation, user=user)
    body = valid_body()
    org_services.decide_organisation(organisation, API_DECISIONS[body.status], user, body.reason)
    db.session.commit()
    return jsonify(organisation_json(organisation))


@blueprint.get("/openapi.json")
@describe("This document.", responses={200: (None, "The OpenAPI document.")})
def openapi():
    return jsonify(openapi_document())
