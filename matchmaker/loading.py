"""What the item pages share: loading one item by its id for the current user, as the permission rules allow."""
from typing import TypeVar

from flask_login import current_user

from matchmaker.errors import NotFound
from matchmaker.extensions import db
from matchmaker.permissions import can, require

Item = TypeVar("Item")


def load_visible(model: type[Item], item_id: int, action: str | None = None, *, view_action: str, missing: str,
                 user=current_user) -> Item:
    """The `model` row `item_id`, if `user` may `view_action` it and then do `action` on it (when one is given).

    One they may not even see is a 404 saying `missing`, the same answer as for an id nobody ever had, so a draft
    or a hidden item does not give away that it exists. One they may see but not `action` gets what `require`
    answers: sign in first (401) for a visitor, 403 with the rule's reason for anyone else.
    `user` is the signed-in person unless the API names its caller (None for a caller without a token)."""
    item = db.session.get(model, item_id)
    if item is None or not can(user, view_action, item):
        raise NotFound(missing)
    if action is not None:
        require(action, item, user=user)
    return item
