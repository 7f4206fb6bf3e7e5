"""Coordinator pages: verify or reject organisations, approve people joining them, read the outbox."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import DecisionForm, show_service_errors
from matchmaker.notifications.services import latest_outbox_messages, smtp_configured
from matchmaker.orgs import services as org_services
from matchmaker.orgs.models import Membership, Organisation, OrganisationStatus
from matchmaker.permissions import require

blueprint = Blueprint("coordination", __name__, url_prefix="/coordination")

DECISIONS = {"verify": OrganisationStatus.VERIFIED, "reject": OrganisationStatus.REJECTED}


@blueprint.route("/organisations")
@login_required
def organisations():
    require("coordination.view")
    return _render_organisations()


def _render_organisations(failed_form: DecisionForm | None = None, failed: tuple | None = None):
    """The desk; a form that failed is shown again, with its errors, beside the organisation or request it was
    for: `failed` is (organisation id, decision) or (organisation id, user id, decision)."""
    def form_for(*key) -> DecisionForm:
        return failed_form if failed_form is not None and key == failed else DecisionForm(formdata=None)

    return render_template(
        "coordination/organisations.html",
        pending=org_services.pending_organisations(),
        memberships=org_services.pending_memberships(),
        decided=org_services.recently_decided_organisations(),
        form_for=form_for,
    )


@blueprint.route("/organisations/<int:organisation_id>/<any(verify, reject):decision>", methods=["POST"])
@login_required
def decide_organisation(organisation_id: int, decision: str):
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("This organisation does not exist."))
    require("organisation.verify", organisation)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            org_services.decide_organisation(organisation, DECISIONS[decision], current_user, form.reason.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            message = (_("%(name)s is now verified: its members can publish.", name=organisation.name)
                       if decision == "verify" else
                       _("%(name)s was not verified; its members have been told why.", name=organisation.name))
            flash(message, "success")
            return redirect(url_for("coordination.organisations"))
    return _render_organisations(form, (organisation_id, decision)), 422


@blueprint.route("/memberships/<int:organisation_id>/<int:user_id>/<any(approve, decline):decision>",
                 methods=["POST"])
@login_required
def decide_membership(organisation_id: int, user_id: int, decision: str):
    membership = db.session.get(Membership, (user_id, organisation_id))
    if membership is None:
        raise NotFound(_("This request no longer exists: someone may have handled it already."))
    require("membership.review", membership)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            if decision == "approve":
                org_services.approve_membership(membership)
            else:
                org_services.decline_membership(membership, form.reason.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The request has been handled and the person has been told."), "success")
            return redirect(url_for("coordination.organisations"))
    return _render_organisations(form, (organisation_id, user_id, decision)), 422


@blueprint.route("/outbox")
@login_required
def outbox():
    if smtp_configured():  # e-mail really leaves the platform: there is no outbox to read
        raise NotFound(_("We could not find this page. It may have been moved or removed."))
    require("outbox.view")
    return render_template("coordination/outbox.html", messages=latest_outbox_messages())
