"""Dashboards: /dashboard shows each person what waits for them in each of their roles; coordinators also get the
review page of one proposal (with their private notes) and the pipeline."""
from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.auth.models import Role
from matchmaker.dashboards import services
from matchmaker.dashboards.forms import NoteForm
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import show_service_errors
from matchmaker.matching import services as matching
from matchmaker.permissions import can, require
from matchmaker.types import utcnow
from matchmaker.workflow import machine
from matchmaker.workflow import services as workflow
from matchmaker.workflow.models import Proposal

blueprint = Blueprint("dashboards", __name__)

CHALLENGES_FOR_YOU = 5


@blueprint.route("/dashboard")
@login_required
def dashboard():
    require("dashboard.view")
    return render_template("dashboards/dashboard.html", organisation=_organisation_part(),
                           academic=_academic_part(), coordinator=_coordinator_part())


def _organisation_part() -> dict | None:
    organisations = services.member_organisations(current_user)
    if not organisations:
        return None
    ids = {organisation.id for organisation in organisations}
    challenges = services.organisation_challenges(ids)
    proposals = services.organisation_proposals(ids)
    waiting = [p for p in proposals if current_user.id in workflow.waiting_for(p)]
    return {"organisations": organisations, "challenges": challenges, "proposals": proposals, "waiting": waiting,
            "next_steps": services.organisation_next_steps(organisations, challenges, waiting)}


def _academic_part() -> dict | None:
    if not current_user.has_role(Role.ACADEMIC):
        return None
    proposals = services.academic_proposals(current_user)
    profile = current_user.academic_profile
    suggestions = (matching.suggestions_for_academic(current_user.id, current_user, k=CHALLENGES_FOR_YOU)
                   if profile is not None and can(current_user, "match.view", profile) else [])
    return {"invitations": services.invitations(proposals), "by_stage": services.by_stage(proposals),
            "suggestions": suggestions[:CHALLENGES_FOR_YOU],
            "completeness": services.profile_completeness(profile)}


def _stalled_after_days() -> int:
    return int(current_app.config.get("STALLED_AFTER_DAYS", services.STALLED_AFTER_DAYS))


def _coordinator_part() -> dict | None:
    if not can(current_user, "dashboard.coordinate"):
        return None
    days = _stalled_after_days()
    return {"queue": services.review_queue(), "stalled": services.stalled_proposals(utcnow(), days),
            "stalled_days": days, "organisations": services.organisations_to_verify(),
            "unmatched": services.challenges_without_a_good_match(), "threshold": services.GOOD_MATCH_SCORE}


@blueprint.route("/dashboard/pipeline")
@login_required
def pipeline():
    require("dashboard.coordinate")
    rows = services.pipeline(utcnow())
    widest = max((row.count for row in rows), default=0)
    return render_template("dashboards/pipeline.html", rows=rows, widest=widest,
                           total=sum(row.count for row in rows), duration_label=duration_label)


def duration_label(value: timedelta) -> str:
    """A time spent, in words: under a minute said as such (moves made in one sitting), else rounded."""
    if value < timedelta(minutes=1):
        return _("less than a minute")
    return format_timedelta(value, threshold=1.1)


def _load_for_review(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or not can(current_user, "dashboard.coordinate"):
        raise NotFound(_("This proposal does not exist or is not visible to you."))
    return proposal


def _render_review(proposal: Proposal, form: NoteForm, status: int = 200):
    moves = machine.available(proposal.stage, workflow.sides_of(current_user, proposal), proposal.proposer_side)
    return render_template(
        "dashboards/review.html", proposal=proposal, form=form, moves=moves,
        members=services.member_names(proposal.challenge.organisation_id),
        messages=services.message_count(proposal), notes=services.notes_on(proposal),
        indicators=workflow.indicators_of(proposal)), status


@blueprint.route("/dashboard/review/<int:proposal_id>")
@login_required
def review(proposal_id: int):
    proposal = _load_for_review(proposal_id)
    require("note.view", proposal)
    return _render_review(proposal, NoteForm(formdata=None))


@blueprint.route("/dashboard/review/<int:proposal_id>/notes", methods=["POST"])
@login_required
def add_note(proposal_id: int):
    proposal = _load_for_review(proposal_id)
    require("note.add", proposal)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.add_note(proposal, current_user, form.body.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your note is saved. Only coordinators can read it."), "success")
            return redirect(url_for("dashboards.review", proposal_id=proposal.id) + "#notes")
    return _render_review(proposal, form, 422)
