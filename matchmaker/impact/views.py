"""Impact values pages: recording and editing an initiative's values with their sources, a value's page where it
is confirmed, disputed or sent to a partner, its evidence document, a partner's confirmation link (no account
needed) and the public catalogue of indicators."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import FileStorage

from matchmaker.errors import DomainError, NotFound, ValidationFailed
from matchmaker.extensions import db, limiter
from matchmaker.forms import ButtonForm, show_service_errors
from matchmaker.impact import values as services
from matchmaker.impact.forms import DisputeForm, LinkForm, PartnerConfirmForm, PartnerDisputeForm, ValueForm
from matchmaker.impact.models import IndicatorValue
from matchmaker.impact.services import catalogue
from matchmaker.initiatives.models import Initiative
from matchmaker.loading import load_visible
from matchmaker.permissions import can, partner_member_of
from matchmaker.templating import current_language

blueprint = Blueprint("impact_values", __name__, url_prefix="/impact")

def load_initiative(initiative_id: int, action: str) -> Initiative:
    """The initiative, if the current user may do `action` on it; one they may not even see is a 404."""
    return load_visible(Initiative, initiative_id, action, view_action="initiative.view",
                        missing=_("This initiative does not exist or is not visible to you."))


def load_value(value_id: int, action: str = "impact_value.view") -> IndicatorValue:
    """The value, if the current user may do `action` on it; one they may not even see is a 404."""
    return load_visible(IndicatorValue, value_id, action, view_action="impact_value.view",
                        missing=_("This value does not exist or is not visible to you."))


def _prepare(form: ValueForm) -> ValueForm:
    language = current_language()
    form.indicator_id.choices = [("", _("Choose…"))] + [
        (str(indicator.id), f"{indicator.name_in(language)} ({indicator.unit_in(language)})")
        for indicator in catalogue()] + [("custom", _("A new indicator (describe it below)"))]
    return form


def _filled_from(value: IndicatorValue) -> ValueForm:
    form = ValueForm(data={"indicator_id": str(value.indicator_id), "year": str(value.year),
                           "value": services.format_number(value.value, current_language()), "method": value.method,
                           "measured_by": value.measured_by, "evidence_url": value.evidence_url or ""})
    return form


def _evidence() -> services.Evidence | None:
    upload = request.files.get("evidence_file")
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    data = upload.read(current_app.config["IMPACT_EVIDENCE_MAX_BYTES"] + 1)
    return services.Evidence(upload.filename, data) if data else None


def _back_to(initiative_id: int):
    return redirect(url_for("initiatives.detail", initiative_id=initiative_id, _anchor="indicators-title"))


@blueprint.route("/values/new/<int:initiative_id>", methods=["GET", "POST"])
@login_required
def new(initiative_id: int):
    initiative = load_initiative(initiative_id, "impact_value.record")
    form = _prepare(ValueForm())
    if form.validate_on_submit():
        try:
            services.record_value(initiative, current_user, form.service_data(), _evidence())
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The value is recorded as declared. A partner or a coordinator can now confirm it."), "success")
            return _back_to(initiative.id)
    return render_template("impact/values/form.html", form=form, initiative=initiative, value=None), \
        422 if form.errors else 200


@blueprint.route("/values/<int:value_id>")
def detail(value_id: int):
    return _render_detail(load_value(value_id))


def _render_detail(value: IndicatorValue, status: int = 200, **forms):
    may_read_history = can(current_user, "impact_value.read_dispute", value)
    return render_template(
        "impact/values/detail.html", value=value, initiative=value.initiative,
        events=services.value_events(value) if may_read_history else [], action_labels=services.ACTION_LABELS,
        dispute_form=forms.get("dispute_form") or DisputeForm(), link_form=forms.get("link_form") or LinkForm(
            language=current_language()), button_form=ButtonForm()), status


@blueprint.route("/values/<int:value_id>/edit", methods=["GET", "POST"])
@login_required
def edit(value_id: int):
    value = load_value(value_id, "impact_value.edit")
    form = _prepare(_filled_from(value) if request.method == "GET" else ValueForm())
    if form.validate_on_submit():
        try:
            changed = services.update_value(value, current_user, form.service_data(), _evidence(),
                                            remove_evidence=form.remove_evidence.data)
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved: the value is declared again, to be confirmed anew.") if changed
                  else _("Nothing changed."), "success" if changed else "info")
            return _back_to(value.initiative_id)
    return render_template("impact/values/form.html", form=form, initiative=value.initiative, value=value), \
        422 if form.errors else 200


@blueprint.route("/values/<int:value_id>/delete", methods=["POST"])
@login_required
def delete(value_id: int):
    value = load_value(value_id, "impact_value.delete")
    initiative_id, document = value.initiative_id, services.evidence_path(value)
    if ButtonForm().validate_on_submit():
        services.delete_value(value)
        db.session.commit()
        if document is not None:  # only once the row naming it is gone for good
            document.unlink(missing_ok=True)
        flash(_("The value is deleted."), "success")
    return _back_to(initiative_id)


def _on_behalf_of(value: IndicatorValue) -> str | None:
    """A partner's member verifies for their organisation, named on the page; a coordinator for the centre."""
    if current_user.is_coordinator:
        return None
    return services.partner_organisation_for(value, partner_member_of(current_user, value.initiative))


@blueprint.route("/values/<int:value_id>/confirm", methods=["POST"])
@login_required
def confirm(value_id: int):
    value = load_value(value_id, "impact_value.verify")
    if ButtonForm().validate_on_submit():
        try:
            services.confirm_value(value, current_user, _on_behalf_of(value))
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "warning")
        else:
            db.session.commit()
            flash(_("The value is confirmed."), "success")
    return redirect(url_for("impact_values.detail", value_id=value.id))


@blueprint.route("/values/<int:value_id>/dispute", methods=["POST"])
@login_required
def dispute(value_id: int):
    value = load_value(value_id, "impact_value.verify")
    form = DisputeForm()
    if form.validate_on_submit():
        try:
            services.dispute_value(value, current_user, form.reason.data, _on_behalf_of(value))
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "warning")
            return redirect(url_for("impact_values.detail", value_id=value.id))
        else:
            db.session.commit()
            flash(_("The value is disputed: it is left out of the published figures until it is corrected."),
                  "success")
            return redirect(url_for("impact_values.detail", value_id=value.id))
    return _render_detail(value, 422, dispute_form=form)


@blueprint.route("/values/<int:value_id>/send-link", methods=["POST"])
@login_required
def send_link(value_id: int):
    value = load_value(value_id, "impact_value.send_link")
    form = LinkForm()
    if form.validate_on_submit():
        try:
            services.send_confirmation_link(value, current_user, form.email.data, form.language.data)
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The link is on its way. It works once, for %(days)d days, while the value stays as it is.",
                    days=current_app.config["IMPACT_CONFIRMATION_DAYS"]), "success")
            return redirect(url_for("impact_values.detail", value_id=value.id))
    return _render_detail(value, 422, link_form=form)


@blueprint.route("/values/<int:value_id>/evidence")
def evidence(value_id: int):
    value = load_value(value_id)
    path = services.evidence_path(value)
    if path is None or not path.is_file():
        raise NotFound(_("This value has no evidence document."))
    extension = services.EVIDENCE_TYPES.get(value.evidence_content_type, "bin")
    response = send_file(path, mimetype=value.evidence_content_type, as_attachment=True,
                         download_name=f"evidence-{value.id}.{extension}", max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- a partner's link ------------------------------------------------------------------------------------

@blueprint.route("/confirm/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"], scope="impact-confirm")
def confirm_link(token: str):
    link = services.link_for_token(token)  # 404 or 410, with the reason, before anything else
    value = db.session.get(IndicatorValue, link.value_id)
    confirm_form, dispute_form = PartnerConfirmForm(), PartnerDisputeForm()
    if request.method == "POST":
        deciding = request.form.get("decision")
        form = dispute_form if deciding == "dispute" else confirm_form
        if form.validate_on_submit():
            try:
                if deciding == "dispute":
                    services.dispute_by_link(link, dispute_form.reason.data)
                else:
                    services.confirm_by_link(link, confirm_form.name.data, confirm_form.organisation.data)
            except ValidationFailed as error:
                db.session.rollback()
                show_service_errors(form, error)
            else:
                db.session.commit()
                return render_template("impact/values/answered.html", value=value, disputed=deciding == "dispute")
    status = 422 if confirm_form.errors or dispute_form.errors else 200
    return render_template("impact/values/confirm.html", value=value, initiative=value.initiative,
                           confirm_form=confirm_form, dispute_form=dispute_form), status


# --- the catalogue -----------------------------------------------------------------------------------------

@blueprint.route("/indicators")
def indicators():
    return render_template("impact/values/indicators.html", indicators=catalogue(),
                           outcome_labels=services.OUTCOME_LABELS)
