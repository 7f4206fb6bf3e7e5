"""/api/v1/notifications: what the bell holds for the caller."""
from flask import Blueprint, jsonify

from matchmaker.api import models
from matchmaker.api.auth import require_api_user
from matchmaker.api.models import Error
from matchmaker.api.openapi import describe
from matchmaker.api.parsing import valid_query
from matchmaker.notifications import services
from matchmaker.notifications.proposals import describe as describe_notification
from matchmaker.notifications.proposals import link_of

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("notifications_api", __name__)


def notification_json(notification) -> dict:
    return {"id": notification.id, "kind": notification.kind.value, "text": describe_notification(notification),
            "proposal_id": notification.proposal_id, "link": link_of(notification),
            "created_at": notification.created_at.isoformat(),
            "read_at": notification.read_at.isoformat() if notification.read_at else None}


@blueprint.get("/notifications")
@describe("The caller's notifications, newest first (`unread=true`: only those not read yet), each worded in the "
          "language the caller asks for.", token=True, query=models.NotificationQuery,
          responses={200: models.Notifications, 422: Error})
def list_notifications():
    user = require_api_user()
    unread_only = valid_query().unread
    return jsonify({"items": [notification_json(n) for n in services.notifications_of(user.id, unread_only)],
                    "unread": services.unread_count(user.id)})
