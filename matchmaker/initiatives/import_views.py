"""The coordinators' import of initiatives: upload a spreadsheet, read its column mapping and dry run, then import
it (or its valid rows only); a large file runs as a background job whose page follows it."""
import sqlalchemy as sa
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from matchmaker.errors import Conflict, NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.initiatives import importing
from matchmaker.initiatives.forms import ImportConfirmForm, ImportUploadForm
from matchmaker.initiatives.models import ImportAction, ImportRun, ImportStatus
from matchmaker.permissions import can, require

blueprint = Blueprint("initiative_import", __name__, url_prefix="/coordination/initiatives/import")

STATUS_LABELS = {ImportStatus.QUEUED: _l("Waiting to start"), ImportStatus.RUNNING: _l("Running"),
                 ImportStatus.DONE: _l("Done"), ImportStatus.FAILED: _l("Failed")}
ACTION_LABELS = {ImportAction.CHECK: _l("dry run"), ImportAction.IMPORT: _l("import"),
                 ImportAction.VALID_ONLY: _l("import of the valid rows only")}


@blueprint.context_processor
def _labels() -> dict:
    return {"status_labels": STATUS_LABELS, "action_labels": ACTION_LABELS,
            "counts_sentence": importing.counts_sentence, "ImportAction": ImportAction}


@blueprint.route("", methods=["GET", "POST"])
@login_required
def upload():
    require("initiative.import")
    form = ImportUploadForm()
    if form.validate_on_submit() and form.file.data:
        name = form.file.data.filename or ""
        data = form.file.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        try:
            review = importing.review_upload(current_user, name, data)
        except importing.UnreadableFile as error:
            form.file.errors = [error.message]
        else:
            db.session.commit()
            if review.run is not None:
                return redirect(url_for("initiative_import.run", run_id=review.run.id))
            return _render_review(review.key, name, review.mapping, review.plan)
    elif form.is_submitted() and not form.errors:
        form.file.errors = [_("Choose a CSV or XLSX file to upload.")]
    return render_template("initiatives/import.html", form=form, runs=importing.latest_runs(current_user),
                           columns=importing.template_columns()), 422 if form.errors else 200


def _render_review(key, file_name, mapping, plan, status=200):
    return render_template("initiatives/import_review.html", key=key, file_name=file_name, mapping=mapping,
                           plan=plan, counts=plan.counts if plan else None,
                           problems=[[p.row, p.column, p.message] for p in plan.problems] if plan else [],
                           form=ImportConfirmForm(formdata=None, upload=key)), status


@blueprint.route("/confirm", methods=["POST"])
@login_required
def confirm():
    require("initiative.import")
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        raise ValidationFailed(_("This form has expired. Upload the file again."))
    valid_only = request.form.get("action") == "valid_only"
    try:
        result = importing.import_upload(current_user, form.upload.data, valid_only=valid_only)
        db.session.commit()
    except importing.PlanRefused as refused:
        db.session.rollback()
        flash(refused.message, "danger")
        return _render_review(form.upload.data, refused.file_name, refused.plan.mapping, refused.plan, 422)
    except sa.exc.IntegrityError:  # the same file imported twice at once: the other import wrote first
        db.session.rollback()
        raise Conflict(_("Another import has just written some of these initiatives: nothing was written by this "
                         "one. Check the file again to see what changed.")) from None
    if result.run is not None:
        return redirect(url_for("initiative_import.run", run_id=result.run.id))
    importing.remove_upload(form.upload.data)
    flash(importing.counts_sentence(result.counts), "success")
    return redirect(url_for("initiative_import.upload"))


@blueprint.route("/<int:run_id>")
@login_required
def run(run_id: int):
    require("initiative.import")
    import_run = db.session.get(ImportRun, run_id)
    if not can(current_user, "import_run.view", import_run):
        raise NotFound(_("This import does not exist or is not yours."))
    return render_template("initiatives/import_run.html", run=import_run,
                           form=ImportConfirmForm(formdata=None, upload=import_run.upload_key))


@blueprint.route("/template.csv")
@login_required
def template():
    require("initiative.import")
    return Response(importing.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=initiatives-template.csv"})
