"""Reading a request through the models its view describes, with a 422 that names each wrong field in the
caller's language: the schema in the OpenAPI document is the check, so the two cannot disagree."""
import typing

from flask import current_app, request
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError

from matchmaker.api.models import Says
from matchmaker.api.openapi import operation_of
from matchmaker.api.schemas import json_body
from matchmaker.errors import ValidationFailed


def valid_body() -> BaseModel:
    """The request body as the view's described request model, or a 400 (not a JSON object) or 422."""
    model = operation_of(current_app, request.endpoint).request
    json_body()  # the 400 for anything but a JSON object
    try:
        # Strict, from the JSON text: "1" is not a number, true is not 1, 12 is not a date.
        return model.model_validate_json(request.get_data(), strict=True)
    except ValidationError as error:
        raise ValidationFailed(_("Some fields are missing or wrong."), field_messages(model, error)) from None


def valid_query() -> BaseModel:
    """The query string as the view's described query model (values are texts there), or a 422."""
    model = operation_of(current_app, request.endpoint).query
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ValidationFailed(_("Some filters are not valid."), field_messages(model, error)) from None


def field_messages(model: type[BaseModel], error: ValidationError) -> dict[str, list[str]]:
    """One message per refused field (its first problem), named by the top-level field as the web forms do."""
    messages: dict[str, list[str]] = {}
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else "body"
        if name not in messages:
            messages[name] = [refusal(model, name, problem)]
    return messages


def refusal(model: type[BaseModel], name: str, problem: dict) -> str:
    """The message for one of pydantic's errors: the field type's own (its Says), else the general rule."""
    field = model.model_fields.get(name)
    if problem["type"] == "extra_forbidden" or field is None:
        return _("This field does not exist or cannot be changed here.")
    if problem["type"] == "missing":
        return _("This field is required.")
    for says in _says_of(field.metadata, field.annotation):
        if (message := says.explain(problem)) is not None:
            return message
    return _("This value is not valid here.")


def _says_of(metadata, annotation) -> typing.Iterator[Says]:
    """The Says attached to a field, outermost first: in its metadata, then inside its (Annotated) type."""
    yield from (item for item in metadata if isinstance(item, Says))
    pending = [annotation]
    while pending:
        current = pending.pop(0)
        if typing.get_origin(current) is typing.Annotated:
            yield from (item for item in current.__metadata__ if isinstance(item, Says))
        pending.extend(typing.get_args(current))
