"""The form of matching's pages that carries more than its URL: showing a dismissed suggestion again."""
from flask_wtf import FlaskForm
from wtforms import HiddenField


class RestoreForm(FlaskForm):
    """"Show again" or "Undo": the pair travels in the URL; `next` is the page to return to (checked)."""

    next = HiddenField()
