"""Suggestions in the product: "Challenges for you", dismissing a suggestion and showing it again, what one
dismissed, the coordinators' matching page."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.challenges.models import Challenge
from matchmaker.errors import NotFound
from matchmaker.extensions import db
from matchmaker.forms import ButtonForm
from matchmaker.loading import load_visible
from matchmaker.matching import dismissals, meaning, services
from matchmaker.matching.forms import RestoreForm
from matchmaker.matching.models import DismissalSide, MatchTarget
from matchmaker.matching.panels import shown, under_way_for
from matchmaker.offers.models import Offer
from matchmaker.permissions import require
from matchmaker.security import is_safe_redirect
from matchmaker.workflow import insights

blueprint = Blueprint("matching", __name__)


@blueprint.route("/matching/for-you")
@login_required
def for_you():
    profile = current_user.academic_profile
    if profile is None:
        raise NotFound(_("Only academics have suggestions of challenges."))
    if not current_user.email_verified:  # the page says what is waiting, rather than a bare refusal
        return render_template("matching/for_you.html", profile=profile, suggestions=[])
    require("match.view", profile)
    suggestions = shown(services.suggestions_for_academic(profile.user_id, current_user))
    return render_template("matching/for_you.html", profile=profile, suggestions=suggestions,
                           under_way=under_way_for(suggestions, profile.user_id))


@blueprint.route("/matching/for-you/<int:challenge_id>/dismiss", methods=["POST"])
@login_required
def dismiss_for_academic(challenge_id: int):
    profile = current_user.academic_profile
    require("match.dismiss", profile)
    challenge = _visible_challenge(challenge_id)
    if ButtonForm().validate_on_submit():
        services.dismiss(current_user, DismissalSide.TARGET, challenge.id, MatchTarget.ACADEMIC, profile.user_id)
        db.session.commit()
        flash(_("The suggestion is dismissed: you will not see it again."), "success")
        _offer_undo(url_for("matching.restore_for_academic", challenge_id=challenge.id))
    return redirect(url_for("matching.for_you"))


@blueprint.route("/challenges/<int:challenge_id>/suggestions/<any(offer, academic):target_type>/<int:target_id>"
                 "/dismiss", methods=["POST"])
@login_required
def dismiss_for_challenge(challenge_id: int, target_type: str, target_id: int):
    challenge = _visible_challenge(challenge_id, "match.dismiss")
    if ButtonForm().validate_on_submit():
        services.dismiss(current_user, DismissalSide.CHALLENGE, challenge.id, MatchTarget(target_type), target_id)
        db.session.commit()
        flash(_("The suggestion is dismissed: your organisation will not see it again for this challenge."),
              "success")
        _offer_undo(url_for("matching.restore_for_challenge", challenge_id=challenge.id, target_type=target_type,
                            target_id=target_id))
    return redirect(url_for("challenges.detail", challenge_id=challenge.id) + "#suggestions")


@blueprint.route("/offers/<int:offer_id>/suggestions/<int:challenge_id>/dismiss", methods=["POST"])
@login_required
def dismiss_for_offer(offer_id: int, challenge_id: int):
    offer = load_visible(Offer, offer_id, "match.dismiss", view_action="offer.view",
                         missing=_("This offer does not exist or is not visible to you."))
    challenge = _visible_challenge(challenge_id)
    if ButtonForm().validate_on_submit():
        services.dismiss(current_user, DismissalSide.TARGET, challenge.id, MatchTarget.OFFER, offer.id)
        db.session.commit()
        flash(_("The suggestion is dismissed: you will not see it again for this offer."), "success")
        _offer_undo(url_for("matching.restore_for_offer", offer_id=offer.id, challenge_id=challenge.id))
    return redirect(url_for("offers.detail", offer_id=offer.id) + "#suggestions")


@blueprint.route("/matching/dismissed")
@login_required
def dismissed():
    return render_template("matching/dismissed.html", lists=dismissals.dismissed_by(current_user))


@blueprint.route("/matching/for-you/<int:challenge_id>/restore", methods=["POST"])
@login_required
def restore_for_academic(challenge_id: int):
    profile = current_user.academic_profile
    require("match.restore", profile)
    challenge = _visible_challenge(challenge_id)
    return _restore(DismissalSide.TARGET, challenge.id, MatchTarget.ACADEMIC, profile.user_id)


@blueprint.route("/challenges/<int:challenge_id>/suggestions/<any(offer, academic):target_type>/<int:target_id>"
                 "/restore", methods=["POST"])
@login_required
def restore_for_challenge(challenge_id: int, target_type: str, target_id: int):
    challenge = _visible_challenge(challenge_id, "match.restore")
    return _restore(DismissalSide.CHALLENGE, challenge.id, MatchTarget(target_type), target_id)


@blueprint.route("/offers/<int:offer_id>/suggestions/<int:challenge_id>/restore", methods=["POST"])
@login_required
def restore_for_offer(offer_id: int, challenge_id: int):
    offer = load_visible(Offer, offer_id, "match.restore", view_action="offer.view",
                         missing=_("This offer does not exist or is not visible to you."))
    challenge = _visible_challenge(challenge_id)
    return _restore(DismissalSide.TARGET, challenge.id, MatchTarget.OFFER, offer.id)


def _restore(side: DismissalSide, challenge_id: int, target_type: MatchTarget, target_id: int):
    """Show the pair again (the caller has checked who may), then back to the page the form came from."""
    form = RestoreForm()
    if form.validate_on_submit():
        if dismissals.restore(side, challenge_id, target_type, target_id):
            db.session.commit()
            flash(_("The suggestion is shown again."), "success")
        else:  # a second click, another tab, or a colleague of the organisation was quicker
            flash(_("This suggestion is not dismissed (any more): there is nothing to undo."), "info")
    back = form.next.data
    return redirect(back if is_safe_redirect(back) else url_for("matching.dismissed"))


def _offer_undo(restore_url: str) -> None:
    """The page after a dismissal offers to undo it: base.html renders this message as an "Undo" form."""
    flash(restore_url, "undo")


def _visible_challenge(challenge_id: int, action: str | None = None) -> Challenge:
    """The challenge, or the same 404 whether it does not exist or is a draft or hidden one the user may not see;
    then, when an `action` is given, what `require` answers for it."""
    return load_visible(Challenge, challenge_id, action, view_action="challenge.view",
                        missing=_("This challenge does not exist or is not visible to you."))


@blueprint.route("/coordination/matching")
@login_required
def coordination():
    require("matching.recompute")
    return render_template("matching/coordination.html", runs=services.latest_runs(),
                           last_full=services.last_full_run(), counts=services.stored_counts(),
                           index=services.index_status(), queued=services.recompute_is_queued(),
                           meaning=meaning.progress(), ready=services.get_engine().meaning_ready,
                           why_pairs_end=insights.why_pairs_end(), window_days=insights.FAILURE_WINDOW_DAYS)


@blueprint.route("/coordination/matching/recompute", methods=["POST"])
@login_required
def recompute():
    require("matching.recompute")
    if ButtonForm().validate_on_submit():
        services.request_full_recompute()
        db.session.commit()  # inline, the recomputation has run (or failed) once this returns
        run = None if services.recompute_is_queued() else services.last_full_run()
        if run is None:
            flash(_("The recomputation is queued: reload this page in a minute to see it."), "success")
        elif run.error:
            flash(_("The recomputation failed: the list of runs below says why."), "danger")
        else:
            flash(_("Matches recomputed: %(count)d stored.", count=run.matches), "success")
    return redirect(url_for("matching.coordination"))


@blueprint.route("/coordination/matching/meaning", methods=["POST"])
@login_required
def read_meaning():
    require("matching.recompute")
    if ButtonForm().validate_on_submit():
        if meaning.start_backlog():
            db.session.commit()  # inline, the whole backlog has been read once this returns
            flash(_("Reading the texts: this page shows how far it has come."), "success")
        else:
            flash(_("Every text has been read already."), "info")
    return redirect(url_for("matching.coordination"))
