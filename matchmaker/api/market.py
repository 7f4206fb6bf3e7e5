"""/api/v1 endpoints for both sides of the market: challenges, offers and the academics directory."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from matchmaker.academics import services as academic_services
from matchmaker.api.auth import api_user, require_api_user
from matchmaker.api.schemas import academic_json, challenge_json, json_body, offer_json, page_json
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.offers import services as offer_services
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import active_organisation_ids, can, require

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("market", __name__)


def _visible(model, object_id: int, action: str, message: str):
    """The object if the caller may see it; otherwise a 404, so hidden objects are not revealed."""
    obj = db.session.get(model, object_id)
    if obj is None or not can(api_user(), action, obj):
        raise NotFound(message)
    return obj


def _status_of(body: dict, enum_class):
    if "status" not in body:
        return None
    try:
        return enum_class(body["status"])
    except ValueError:
        allowed = ", ".join(member.value for member in enum_class)
        raise ValidationFailed(_("Some fields are missing or wrong."),
                               {"status": [_("Choose one of the options (%(allowed)s).", allowed=allowed)]}) from None


# --- challenges ---------------------------------------------------------------------------------------

@blueprint.get("/challenges")
def list_challenges():
    filters = ListFilters.from_args(request.args, sorts=challenge_services.SORTS)
    return jsonify(page_json(challenge_services.list_challenges(filters, api_user()), challenge_json))


@blueprint.post("/challenges")
def create_challenge():
    user = require_api_user()
    require("challenge.create", user=user)
    body = json_body()
    organisation = _organisation_for(user, body.pop("organisation_id", None))
    challenge = challenge_services.create_challenge(organisation, user, body)
    db.session.commit()
    return jsonify(challenge_json(challenge)), 201


def _organisation_for(user, organisation_id) -> Organisation:
    own = active_organisation_ids(user)
    if organisation_id is None:
        if len(own) != 1:
            raise ValidationFailed(_("Some fields are missing or wrong."), {"organisation_id": [
                _("You belong to several organisations: say which one with organisation_id.")]})
        organisation_id = next(iter(own))
    if organisation_id not in own:
        raise ValidationFailed(_("Some fields are missing or wrong."),
                               {"organisation_id": [_("You are not an active member of this organisation.")]})
    return db.session.get(Organisation, organisation_id)


@blueprint.get("/challenges/<int:challenge_id>")
def get_challenge(challenge_id: int):
    challenge = _visible(Challenge, challenge_id, "challenge.view", _("This challenge does not exist."))
    return jsonify(challenge_json(challenge))


@blueprint.patch("/challenges/<int:challenge_id>")
def patch_challenge(challenge_id: int):
    user = require_api_user()
    challenge = _visible(Challenge, challenge_id, "challenge.view", _("This challenge does not exist."))
    body = json_body()
    status = _status_of(body, ChallengeStatus)
    fields = {k: v for k, v in body.items() if k != "status"}
    if fields or status is None:  # an empty PATCH is still a write: refuse it to whoever may not edit
        require("challenge.edit", challenge, user=user)
        challenge_services.update_challenge(challenge, fields)
    if status is not None:
        require("challenge.change_status", challenge, user=user)
        if status is not challenge.status:
            challenge_services.change_status(challenge, status)
    db.session.commit()
    return jsonify(challenge_json(challenge))


# --- offers -------------------------------------------------------------------------------------------

@blueprint.get("/offers")
def list_offers():
    filters = ListFilters.from_args(request.args, sorts=offer_services.SORTS)
    return jsonify(page_json(offer_services.list_offers(filters, api_user()), offer_json))


@blueprint.post("/offers")
def create_offer():
    user = require_api_user()
    require("offer.create", user=user)
    offer = offer_services.create_offer(user, json_body())
    db.session.commit()
    return jsonify(offer_json(offer)), 201


@blueprint.get("/offers/<int:offer_id>")
def get_offer(offer_id: int):
    return jsonify(offer_json(_visible(Offer, offer_id, "offer.view", _("This offer does not exist."))))


@blueprint.patch("/offers/<int:offer_id>")
def patch_offer(offer_id: int):
    user = require_api_user()
    offer = _visible(Offer, offer_id, "offer.view", _("This offer does not exist."))
    require("offer.edit", offer, user=user)
    body = json_body()
    status = _status_of(body, OfferStatus)
    fields = {k: v for k, v in body.items() if k != "status"}
    if fields:
        offer_services.update_offer(offer, fields)
    if status is not None and status is not offer.status:
        offer_services.change_status(offer, status)
    db.session.commit()
    return jsonify(offer_json(offer))


# --- academics ----------------------------------------------------------------------------------------

@blueprint.get("/academics")
def list_academics():
    filters = ListFilters.from_args(request.args, sorts=academic_services.SORTS)
    return jsonify(page_json(academic_services.list_directory(filters, api_user()), academic_json))
