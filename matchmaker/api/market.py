"""/api/v1 endpoints for both sides of the market: challenges, offers and the academics directory."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from matchmaker.academics import services as academic_services
from matchmaker.academics.models import AcademicProfile
from matchmaker.api import models
from matchmaker.api.auth import api_user, require_api_user
from matchmaker.api.models import Error
from matchmaker.api.openapi import describe
from matchmaker.api.parsing import valid_body, valid_query
from matchmaker.api.schemas import (
    academic_json,
    academic_match_json,
    challenge_json,
    challenge_match_json,
    offer_json,
    offer_match_json,
    page_json,
    team_member_json,
)
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.db import check_version
from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.loading import load_visible
from matchmaker.matching import services as matching
from matchmaker.matching.models import MatchTarget
from matchmaker.offers import services as offer_services
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import active_organisation_ids, require, working_organisation_ids

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("market", __name__)


def _changes(body) -> tuple[dict, object]:
    """The fields a PATCH gives, as the services read them (dates as text), and the status it asks for.
    `version` is read by the optimistic locking, not by the services' field checks."""
    fields = body.model_dump(mode="json", exclude_unset=True, exclude={"version", "status"})
    return fields, body.status if "status" in body.model_fields_set else None


STALE = (Error, "The object has already changed to this state, or it changed since the `version` given "
                "(code `stale_version`): reload it and try again.")


# --- challenges ---------------------------------------------------------------------------------------

@blueprint.get("/challenges")
@describe("Challenges the caller may see (open ones unless `status` says otherwise).", query=models.ListQuery,
          responses={200: models.Page[models.Challenge], 422: Error})
def list_challenges():
    filters = ListFilters.from_args(request.args, sorts=challenge_services.SORTS)
    return jsonify(page_json(challenge_services.list_challenges(filters, api_user()), challenge_json))


@blueprint.post("/challenges")
@describe("An organisation member posts a challenge; it starts as a draft.", token=True,
          request=models.ChallengeInput, responses={201: models.Challenge, 403: Error, 422: Error})
def create_challenge():
    user = require_api_user()
    require("challenge.create", user=user)
    body = valid_body()
    organisation = _organisation_for(user, body.organisation_id)
    require("challenge.create", organisation, user=user)
    fields = body.model_dump(mode="json", exclude_unset=True, exclude={"organisation_id"})
    challenge = challenge_services.create_challenge(organisation, user, fields)
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
    if organisation_id not in own:
        raise ValidationFailed(_("Some fields are missing or wrong."),
                               {"organisation_id": [_("You are not an active member of this organisation.")]})
    return db.session.get(Organisation, organisation_id)


@blueprint.get("/challenges/<int:challenge_id>")
@describe("One challenge; one the caller may not see is a 404.", responses={200: models.Challenge, 404: Error})
def get_challenge(challenge_id: int):
    challenge = load_visible(Challenge, challenge_id, view_action="challenge.view",
                             missing=_("This challenge does not exist."), user=api_user())
    return jsonify(challenge_json(challenge))


@blueprint.patch("/challenges/<int:challenge_id>")
@describe("Its organisation's members change fields or the status.", token=True, request=models.ChallengePatch,
          responses={200: (models.Challenge, "The challenge after the change."), 403: Error, 404: Error,
                     409: STALE, 422: Error})
def patch_challenge(challenge_id: int):
    user = require_api_user()
    challenge = load_visible(Challenge, challenge_id, view_action="challenge.view",
                             missing=_("This challenge does not exist."), user=user)
    body = valid_body()
    fields, status = _changes(body)
    edits = bool(fields) or status is None  # an empty PATCH is still a write: refuse it to whoever may not edit
    if edits:
        require("challenge.edit", challenge, user=user)
    if status is not None:
        require("challenge.change_status", challenge, user=user)
    check_version(challenge, body.version)  # before anything changes: a stale write changes nothing
    if edits:
        challenge_services.update_challenge(challenge, fields)
    if status is not None and status is not challenge.status:
        challenge_services.change_status(challenge, status)
    db.session.commit()
    return jsonify(challenge_json(challenge))


# --- offers -------------------------------------------------------------------------------------------

@blueprint.get("/offers")
@describe("Offers the caller may see (open ones unless `status` says otherwise).", query=models.ListQuery,
          responses={200: models.Page[models.Offer], 422: Error})
def list_offers():
    filters = ListFilters.from_args(request.args, sorts=offer_services.SORTS)
    return jsonify(page_json(offer_services.list_offers(filters, api_user()), offer_json))


@blueprint.post("/offers")
@describe("An academic posts an offer; it is open at once.", token=True, request=models.OfferInput,
          responses={201: models.Offer, 403: Error, 422: Error})
def create_offer():
    user = require_api_user()
    require("offer.create", user=user)
    offer = offer_services.create_offer(user, valid_body().model_dump(mode="json", exclude_unset=True))
    db.session.commit()
    return jsonify(offer_json(offer)), 201


@blueprint.get("/offers/<int:offer_id>")
@describe("One offer.", responses={200: models.Offer, 404: Error})
def get_offer(offer_id: int):
    offer = load_visible(Offer, offer_id, view_action="offer.view", missing=_("This offer does not exist."),
                         user=api_user())
    return jsonify(offer_json(offer))


@blueprint.patch("/offers/<int:offer_id>")
@describe("Its author changes fields or the status.", token=True, request=models.OfferPatch,
          responses={200: (models.Offer, "The offer after the change."), 403: Error, 404: Error, 409: STALE,
                     422: Error})
def patch_offer(offer_id: int):
    user = require_api_user()
    offer = load_visible(Offer, offer_id, "offer.edit", view_action="offer.view",
                         missing=_("This offer does not exist."), user=user)
    body = valid_body()
    check_version(offer, body.version)  # before anything changes: a stale write changes nothing
    fields, status = _changes(body)
    if fields:
        offer_services.update_offer(offer, fields)
    if status is not None and status is not offer.status:
        offer_services.change_status(offer, status)
    db.session.commit()
    return jsonify(offer_json(offer))


# --- academics ----------------------------------------------------------------------------------------

@blueprint.get("/academics")
@describe("Academics who opted in to the public directory.", query=models.ListQuery,
          responses={200: models.Page[models.Academic], 422: Error})
def list_academics():
    filters = ListFilters.from_args(request.args, sorts=academic_services.SORTS)
    return jsonify(page_json(academic_services.list_directory(filters, api_user()), academic_json))


# --- matching -----------------------------------------------------------------------------------------

MATCH_TYPES = {"academics": MatchTarget.ACADEMIC, "offers": MatchTarget.OFFER}


@blueprint.get("/challenges/<int:challenge_id>/matches")
@describe("The academics or offers that fit a challenge, best first, with the reasons. For the challenge's "
          "organisation and the coordinators.", token=True, query=models.ChallengeMatchQuery,
          responses={200: models.ChallengeSuggestions, 403: Error, 404: Error, 422: Error})
def challenge_matches(challenge_id: int):
    challenge = load_visible(Challenge, challenge_id, "match.view", view_action="challenge.view",
                             missing=_("This challenge does not exist."), user=api_user())
    query = valid_query()
    target = MATCH_TYPES[query.type]
    serialise = academic_match_json if target is MatchTarget.ACADEMIC else offer_match_json
    return jsonify({"items": [serialise(m) for m in matching.suggestions_for_challenge(challenge, target, query.k,
                                                                                       viewer=api_user())]})


@blueprint.get("/challenges/<int:challenge_id>/team")
@describe("A team of 2–4 academics from different departments who together cover the challenge better than any one "
          "of them (empty when none does). Same access as the matches.", token=True,
          responses={200: models.Team, 403: Error, 404: Error})
def challenge_team(challenge_id: int):
    challenge = load_visible(Challenge, challenge_id, "match.view", view_action="challenge.view",
                             missing=_("This challenge does not exist."), user=api_user())
    team = matching.team_for_challenge(challenge, api_user()) if challenge.status is ChallengeStatus.OPEN else None
    if team is None:
        return jsonify({"items": [], "coverage": None, "best_single_coverage": None})
    return jsonify({"items": [team_member_json(member) for member in team.members],
                    "coverage": round(team.coverage, 4), "best_single_coverage": round(team.best_single_coverage, 4)})


@blueprint.get("/offers/<int:offer_id>/matches")
@describe("The open challenges that fit an offer, best first. For its author and the coordinators.", token=True,
          query=models.MatchQuery, responses={200: models.ChallengeMatches, 403: Error, 404: Error, 422: Error})
def offer_matches(offer_id: int):
    offer = load_visible(Offer, offer_id, "match.view", view_action="offer.view",
                         missing=_("This offer does not exist."), user=api_user())
    k = valid_query().k
    return jsonify({"items": [challenge_match_json(m) for m in matching.suggestions_for_offer(offer, api_user(), k)]})


@blueprint.get("/academics/<int:academic_id>/matches")
@describe("The open challenges that fit an academic (by user id), best first. For that academic and the "
          "coordinators.", token=True, query=models.MatchQuery,
          responses={200: models.ChallengeMatches, 403: Error, 404: Error, 422: Error})
def academic_matches(academic_id: int):
    profile = load_visible(AcademicProfile, academic_id, "match.view", view_action="profile.view",
                           missing=_("This academic does not exist."), user=api_user())
    k = valid_query().k
    return jsonify({"items": [challenge_match_json(m)
                              for m in matching.suggestions_for_academic(profile.user_id, api_user(), k)]})
