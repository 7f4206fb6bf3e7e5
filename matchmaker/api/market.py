"""/api/v1 endpoints for both sides of the market: challenges, offers and the academics directory."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from matchmaker.academics import services as academic_services
from matchmaker.academics.models import AcademicProfile
from matchmaker.api.auth import api_user, require_api_user
from matchmaker.api.schemas import (
    academic_json,
    academic_match_json,
    challenge_json,
    challenge_match_json,
    json_body,
    offer_json,
    offer_match_json,
    page_json,
    team_member_json,
)
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.db import check_version
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.matching import services as matching
from matchmaker.matching.models import MatchTarget
from matchmaker.offers import services as offer_services
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import active_organisation_ids, can, require, working_organisation_ids
from matchmaker.validation import database_id

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


def _sent_version(body: dict) -> int | None:
    """The `version` the caller read, taken out of the body. Without one the last write wins, as before."""
    if "version" not in body:
        return None
    version = body.pop("version")
    if database_id(version) is None:
        raise ValidationFailed(_("Some fields are missing or wrong."), {"version": [
            _("Give the version you read (the item's \"version\"), as a whole number, such as 3.")]})
    return version


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
    require("challenge.create", organisation, user=user)
    challenge = challenge_services.create_challenge(organisation, user, body)
    db.session.commit()
    return jsonify(challenge_json(challenge)), 201


def _organisation_for(user, organisation_id) -> Organisation:
    """The organisation named, or the only one the user may write for; the rule on it is asked afterwards."""
    own = active_organisation_ids(user)
    if organisation_id is None:
        candidates = working_organisation_ids(user) or own
        if len(candidates) != 1:
            raise ValidationFailed(_("Some fields are missing or wrong."), {"organisation_id": [
                _("You belong to several organisations: say which one with organisation_id.")]})
        organisation_id = next(iter(candidates))
    if database_id(organisation_id) is None:
        raise ValidationFailed(_("Some fields are missing or wrong."), {"organisation_id": [
            _("Give the id of one of your organisations as a whole number, such as 12.")]})
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
    version = _sent_version(body)
    status = _status_of(body, ChallengeStatus)
    fields = {k: v for k, v in body.items() if k != "status"}
    edits = bool(fields) or status is None  # an empty PATCH is still a write: refuse it to whoever may not edit
    if edits:
        require("challenge.edit", challenge, user=user)
    if status is not None:
        require("challenge.change_status", challenge, user=user)
    check_version(challenge, version)
    if edits:
        challenge_services.update_challenge(challenge, fields)
    if status is not None and status is not challenge.status:
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
    check_version(offer, _sent_version(body))
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


# --- matching -----------------------------------------------------------------------------------------

MATCH_TYPES = {"academics": MatchTarget.ACADEMIC, "offers": MatchTarget.OFFER}


def _match_arguments(types: bool = False) -> tuple[int, MatchTarget | None]:
    """`k` (1–50, default 10) and, for a challenge, `type` (academics or offers), or a 422 naming the bad one."""
    errors, k, target = {}, 10, None
    raw = request.args.get("k", "10")
    try:
        k = int(raw)
    except ValueError:
        k = 0
    if not 1 <= k <= 50:
        errors["k"] = [_("Give a number from %(min)d to %(max)d.", min=1, max=50)]
    if types:
        target = MATCH_TYPES.get(request.args.get("type", "academics"))
        if target is None:
            errors["type"] = [_("Choose one of the options (%(allowed)s).", allowed=", ".join(MATCH_TYPES))]
    if errors:
        raise ValidationFailed(_("Some filters are not valid."), errors)
    return k, target


@blueprint.get("/challenges/<int:challenge_id>/matches")
def challenge_matches(challenge_id: int):
    challenge = _visible(Challenge, challenge_id, "challenge.view", _("This challenge does not exist."))
    require("match.view", challenge, user=api_user())
    k, target = _match_arguments(types=True)
    serialise = academic_match_json if target is MatchTarget.ACADEMIC else offer_match_json
    return jsonify({"items": [serialise(m) for m in matching.suggestions_for_challenge(challenge, target, k,
                                                                                       viewer=api_user())]})


@blueprint.get("/challenges/<int:challenge_id>/team")
def challenge_team(challenge_id: int):
    challenge = _visible(Challenge, challenge_id, "challenge.view", _("This challenge does not exist."))
    require("match.view", challenge, user=api_user())
    team = matching.team_for_challenge(challenge, api_user()) if challenge.status is ChallengeStatus.OPEN else None
    if team is None:
        return jsonify({"items": [], "coverage": None, "best_single_coverage": None})
    return jsonify({"items": [team_member_json(member) for member in team.members],
                    "coverage": round(team.coverage, 4), "best_single_coverage": round(team.best_single_coverage, 4)})


@blueprint.get("/offers/<int:offer_id>/matches")
def offer_matches(offer_id: int):
    offer = _visible(Offer, offer_id, "offer.view", _("This offer does not exist."))
    require("match.view", offer, user=api_user())
    k, _target = _match_arguments()
    return jsonify({"items": [challenge_match_json(m) for m in matching.suggestions_for_offer(offer, api_user(), k)]})


@blueprint.get("/academics/<int:academic_id>/matches")
def academic_matches(academic_id: int):
    profile = _visible(AcademicProfile, academic_id, "profile.view", _("This academic does not exist."))
    require("match.view", profile, user=api_user())
    k, _target = _match_arguments()
    return jsonify({"items": [challenge_match_json(m)
                              for m in matching.suggestions_for_academic(profile.user_id, api_user(), k)]})
