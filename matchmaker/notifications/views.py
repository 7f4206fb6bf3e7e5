"""The bell's pages: the notifications, marking them as read, and the preferences that decide how they travel."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.loading import load_visible
from matchmaker.notifications import services
from matchmaker.notifications.forms import PreferencesForm
from matchmaker.notifications.models import Notification
from matchmaker.notifications.proposals import describe

blueprint = Blueprint("notifications", __name__)


@blueprint.app_template_global()
def unread_notifications() -> int:
    """The bell's count, for the signed-in person (read only on pages that show the bell)."""
    return services.unread_count(current_user.id) if current_user.is_authenticated else 0


@blueprint.app_template_global()
def notification_preferences_form(form: PreferencesForm | None = None) -> PreferencesForm:
    """The form of the account page's "Notifications" section, filled with the person's choices."""
    if form is not None:
        return form
    modes = services.preferences_of(current_user.id)
    return PreferencesForm(formdata=None, data={kind.value: mode.value for kind, mode in modes.items()})


def _load(notification_id: int) -> Notification:
    return load_visible(Notification, notification_id, view_action="notification.read",
                        missing=_("This notification does not exist."))


def _render_index(form: PreferencesForm | None = None, status: int = 200):
    unread_only = request.args.get("unread") == "true"
    items = services.notifications_of(current_user.id, unread_only=unread_only)
    return render_template("notifications/index.html", items=items, describe=describe, unread_only=unread_only,
                           preferences_form=notification_preferences_form(form)), status


@blueprint.route("/notifications")
@login_required
def index():
    return _render_index()


@blueprint.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    services.mark_read(_load(notification_id))
    db.session.commit()
    return redirect(url_for("notifications.index"))


@blueprint.route("/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    count = services.mark_all_read(current_user.id)
    db.session.commit()
    flash(_("%(count)s notifications marked as read.", count=count) if count else
          _("There was nothing unread."), "success")
    return redirect(url_for("notifications.index"))


@blueprint.route("/notifications/preferences", methods=["POST"])
@login_required
def save_preferences():
    form = PreferencesForm()
    if not form.validate_on_submit():
        return _render_index(form, 422)
    services.save_preferences(current_user.id, form.modes(current_user.is_coordinator))
    db.session.commit()
    flash(_("Your notification preferences are saved."), "success")
    back_to_account = request.form.get("back") == "account"
    return redirect(url_for("auth.account") if back_to_account else url_for("notifications.index"))
