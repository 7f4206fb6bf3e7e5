"""/api/v1 endpoints of the co-design workflow: start a proposal, read it, move it, talk on it."""
from flask import Blueprint, jsonify
from flask_babel import gettext as _

from matchmaker.api import models
from matchmaker.api.auth import require_api_user
from matchmaker.api.models import Error
from matchmaker.api.openapi import describe
from matchmaker.api.parsing import valid_body, valid_query
from matchmaker.challenges.models import Challenge
from matchmaker.db import STALE_WRITES
from matchmaker.errors import error_response
from matchmaker.extensions import db
from matchmaker.loading import load_visible
from matchmaker.permissions import can
from matchmaker.workflow import machine, services
from matchmaker.workflow.models import Proposal

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("proposals", __name__)

NOT_ON_IT = (Error, "No such proposal, or the caller is not on it (nor a coordinator).")


def _iso(value):
    return value.isoformat() if value else None


def summary_json(proposal: Proposal) -> dict:
    return {
        "id": proposal.id,
        "challenge": {"id": proposal.challenge.id, "name": proposal.challenge.title},
        "organisation": {"id": proposal.challenge.organisation.id, "name": proposal.challenge.organisation.name},
        "stage": proposal.stage.value,
        "proposer_side": proposal.proposer_side,
        "academics": [{"id": row.academic_id, "name": row.academic.name, "offer_id": row.offer_id}
                      for row in proposal.academics],
        "stage_changed_at": _iso(proposal.stage_changed_at),
        "created_at": _iso(proposal.created_at),
        "version": proposal.version,
    }


def proposal_json(proposal: Proposal, user) -> dict:
    moves = machine.available(proposal.stage, services.sides_of(user, proposal), proposal.proposer_side) \
        if can(user, "proposal.move", proposal) else ()
    return summary_json(proposal) | {
        "problem_statement": proposal.problem_statement or "",
        "action_plan": {key: str(value) for key, value in (proposal.action_plan or {}).items()},
        "moves": [move.target.value for move in moves],
        "events": [{"id": e.id, "move": e.name, "from_stage": e.from_stage.value if e.from_stage else None,
                    "to_stage": e.to_stage.value, "actor": e.actor.name if e.actor else None,
                    "created_at": _iso(e.created_at), "reason_code": e.reason_code, "reason": e.reason_text,
                    "payload": e.payload or {}} for e in proposal.events],
    }


def message_json(message) -> dict:
    return {"id": message.id, "author": message.author.name if message.author else None, "body": message.body,
            "created_at": _iso(message.created_at)}


def _proposal_for(user, proposal_id: int, action: str = "proposal.view") -> Proposal:
    return load_visible(Proposal, proposal_id, action, view_action="proposal.view",
                        missing=_("This proposal does not exist."), user=user)


@blueprint.post("/proposals")
@describe("Start a proposal on a challenge with a first message: an organisation member invites academics, an "
          "academic offers help. The invited side is told.", token=True, request=models.ProposalInput,
          responses={201: models.Proposal, 403: Error, 404: Error,
                     409: (Error, "A proposal between this challenge and an academic named is under way."),
                     422: Error})
def create_proposal():
    user = require_api_user()
    body = valid_body()
    challenge = load_visible(Challenge, body.challenge_id, "proposal.start", view_action="challenge.view",
                             missing=_("This challenge does not exist."), user=user)
    proposal = services.start_proposal(challenge, user, body.message, academic_ids=body.academic_ids or (),
                                       offer_ids=body.offer_ids or ())
    db.session.commit()
    return jsonify(proposal_json(proposal, user)), 201


@blueprint.get("/proposals")
@describe("The caller's proposals; every proposal for a coordinator.", token=True, query=models.ProposalQuery,
          responses={200: models.Proposals, 422: Error})
def list_proposals():
    user = require_api_user()
    stage = valid_query().stage
    return jsonify({"items": [summary_json(p) for p in services.proposals_of(user, stage)]})


@blueprint.get("/proposals/<int:proposal_id>")
@describe("One proposal with its timeline, for the people on it and the coordinators.", token=True,
          responses={200: models.Proposal, 404: NOT_ON_IT})
def get_proposal(proposal_id: int):
    user = require_api_user()
    return jsonify(proposal_json(_proposal_for(user, proposal_id), user))


@blueprint.post("/proposals/<int:proposal_id>/transitions")
@describe("Move the proposal to the stage `to` with what the move needs. 403: the move is not the caller's; "
          "409: the proposal changed meanwhile, or there is no such move from its stage (the body says the stage); "
          "422: `fields` names what is missing.", token=True, request=models.TransitionInput,
          responses={200: (models.Proposal, "The proposal after the move."), 403: Error, 404: NOT_ON_IT,
                     409: models.StageConflict, 422: Error})
def move_proposal(proposal_id: int):
    user = require_api_user()
    proposal = _proposal_for(user, proposal_id, "proposal.move")
    body = valid_body()
    inputs = body.model_dump(exclude_unset=True, exclude={"to", "version"}, exclude_none=True)
    try:
        services.apply_transition(proposal, user, body.to, inputs, body.version)
        db.session.commit()
    except (services.StageChanged, *STALE_WRITES) as conflict:
        db.session.rollback()
        current = db.session.get(Proposal, proposal_id)
        message = conflict.message if isinstance(conflict, services.StageChanged) else \
            services.stage_changed_message()
        response, status = error_response(409, "stage_changed", message)
        return jsonify(response.get_json() | {"stage": current.stage.value}), status
    return jsonify(proposal_json(proposal, user))


@blueprint.get("/proposals/<int:proposal_id>/messages")
@describe("The proposal's message thread, oldest first.", token=True,
          responses={200: models.ProposalMessages, 404: NOT_ON_IT})
def list_messages(proposal_id: int):
    proposal = _proposal_for(require_api_user(), proposal_id)
    return jsonify({"items": [message_json(m) for m in services.messages_of(proposal)]})


@blueprint.post("/proposals/<int:proposal_id>/messages")
@describe("Post a message to the people on the proposal.", token=True, request=models.MessageInput,
          responses={201: models.ProposalMessage, 403: Error, 404: NOT_ON_IT, 422: Error})
def post_message(proposal_id: int):
    user = require_api_user()
    proposal = _proposal_for(user, proposal_id, "proposal.message")
    message = services.post_message(proposal, user, valid_body().body)
    db.session.commit()
    return jsonify(message_json(message)), 201
