"""The OpenAPI 3.1 document of /api/v1, made from the routes themselves: each view says what it takes and answers
with `@describe`, and the pydantic models it names are both the validation and the schemas of the document."""
import re
from dataclasses import dataclass

from flask import Flask, current_app
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from matchmaker.api.models import Error
from matchmaker.validation import MAX_DATABASE_ID

PREFIX = "/api/v1"
ERROR_DESCRIPTIONS = {
    400: "The request cannot be read: a body that is not a JSON object or not valid JSON (NaN and Infinity are "
         "not JSON), text holding a NUL character or a lone surrogate, or a cookie-authenticated write without "
         "its CSRF token.",
    401: "No valid personal access token (missing, wrong, revoked or expired: `message` says which), or a wrong "
         "one sent where none is needed.",
    403: "The caller may not do this (for a token: the e-mail address is not confirmed yet).",
    404: "No such object.",
    409: "The object has already changed to this state.",
    422: "A field is missing or wrong; `fields` names each one (for a token: or the person has too many).",
    429: "Too many failed attempts; wait as many seconds as `Retry-After` says.",
}
# Any call can be unreadable or carry a wrong token.
EVERY_OPERATION = {400: Error, 401: Error}
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_ID}


@dataclass(frozen=True)
class Operation:
    """What one API view takes and answers: the request model validates its body (parsing.valid_body) and the
    query model its arguments; each answer is a model, or (model or None, description)."""

    summary: str
    responses: dict
    request: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    token: bool = False
    description: str | None = None


def describe(summary: str, *, responses: dict, request: type[BaseModel] | None = None,
             query: type[BaseModel] | None = None, token: bool = False, description: str | None = None):
    """Attach an Operation to a view; the OpenAPI document and the request parsing read it from there."""
    def attach(view):
        view.api_operation = Operation(summary, responses, request, query, token, description)
        return view
    return attach


def operation_of(app: Flask, endpoint: str | None) -> Operation | None:
    view = app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "api_operation", None)


class Schemas(GenerateJsonSchema):
    """pydantic's JSON Schema without what only clutters an API document: a title on every property,
    `"default": null` on fields that are simply optional, and `anyOf` for "this type or null" where
    `"type": [..., "null"]` says it (the keywords of a type do not apply to null)."""

    def field_title_should_be_set(self, schema) -> bool:
        return False

    def nullable_schema(self, schema):
        inner = self.generate_inner(schema["schema"])
        if isinstance(inner.get("type"), str) and "$ref" not in inner:
            return {**inner, "type": [inner["type"], "null"]}
        return super().nullable_schema(schema)

    def default_schema(self, schema):
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            json_schema.pop("default")
        return json_schema


def _answers(operation: Operation) -> dict:
    return {status: answer if isinstance(answer, tuple) else (answer, None)
            for status, answer in {**EVERY_OPERATION, **operation.responses}.items()}


def _models(operations: list[Operation]) -> list[tuple[type[BaseModel], str]]:
    """Every model the operations name, requests in validation mode and answers in serialization mode."""
    wanted = {}
    for operation in operations:
        for model in (operation.request, operation.query):
            if model is not None:
                wanted[(model, "validation")] = None
        for model, _description in _answers(operation).values():
            if model is not None:
                wanted[(model, "serialization")] = None
    return list(wanted)


def openapi_path(rule: str) -> str:
    """`/api/v1/challenges/<int:challenge_id>` -> `/challenges/{challenge_id}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule).removeprefix(PREFIX)


def _parameters(rule, operation: Operation, schemas: dict) -> list[dict]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": ID_SCHEMA}
                  for name in sorted(rule.arguments)]
    if operation.query is not None:
        model_schema = schemas[(operation.query, "validation")]
        for name, schema in model_schema["properties"].items():
            schema = dict(schema)
            parameter = {"name": name, "in": "query", "required": name in model_schema.get("required", ())}
            if "description" in schema:
                parameter["description"] = schema.pop("description")
            parameters.append(parameter | {"schema": schema})
    return parameters


def _operation(rule, operation: Operation, refs: dict, schemas: dict) -> dict:
    document = {"summary": operation.summary}
    if operation.description:
        document["description"] = operation.description
    if operation.token:
        document["security"] = [{"bearerToken": []}]
    if parameters := _parameters(rule, operation, schemas):
        document["parameters"] = parameters
    if operation.request is not None:
        document["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": refs[(operation.request, "validation")]}}}
    document["responses"] = {}
    for status, (model, description) in sorted(_answers(operation).items()):
        answer = {"description": description or ERROR_DESCRIPTIONS.get(status) or _first_line(model.__doc__)}
        if model is not None:
            answer["content"] = {"application/json": {"schema": refs[(model, "serialization")]}}
        document["responses"][str(status)] = answer
    return document


def _first_line(docstring: str | None) -> str:
    return next(iter((docstring or "").strip().splitlines()), "") or "The answer."


def build_openapi_document(app: Flask) -> dict:
    """The document for every described /api/v1 route of `app`, in the order the routes were added."""
    described = [(rule, operation) for rule in app.url_map.iter_rules() if rule.rule.startswith(PREFIX + "/")
                 if (operation := operation_of(app, rule.endpoint)) is not None]
    wanted = _models([operation for _rule, operation in described])
    refs, definitions = models_json_schema(wanted, ref_template="#/components/schemas/{model}",
                                           schema_generator=Schemas)
    components = definitions.get("$defs", {})
    # The properties of query models become parameters: read them from the definitions, not from a reference.
    schemas = {key: components[ref["$ref"].rsplit("/", 1)[1]] for key, ref in refs.items()}
    for query in {operation.query for _rule, operation in described} - {None}:
        components.pop(refs[(query, "validation")]["$ref"].rsplit("/", 1)[1])  # its fields became parameters
    paths: dict = {}
    for rule, operation in described:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(openapi_path(rule.rule), {})[method.lower()] = _operation(rule, operation, refs, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "matchmaker API",
            "version": "1.0.0",
            "description": "PoliTO for Society's matchmaker: open data and integrations. Writes need a personal "
                           "access token sent as `Authorization: Bearer <token>`; browser sessions may call it "
                           "too, with the CSRF token in `X-CSRFToken` for writes.",
        },
        "servers": [{"url": PREFIX}],
        "components": {"securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}},
                       "schemas": components},
        "paths": paths,
    }


def openapi_document() -> dict:
    """The current app's document, made once per process: the routes and the models do not change."""
    cached = current_app.extensions.get("openapi_document")
    if cached is None:
        cached = current_app.extensions["openapi_document"] = build_openapi_document(current_app)
    return cached
