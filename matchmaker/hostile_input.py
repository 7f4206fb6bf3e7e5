"""Input no view should ever see, refused at the door: ids the database cannot hold, NUL characters, lone
surrogates, and JSON that is not plain, finite, shallow data. Each gets a 404 or a 400 that says why."""
import json
import math
import re
from collections.abc import Iterator

from flask import Flask, current_app, request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from matchmaker.errors import DomainError
from matchmaker.validation import MAX_DATABASE_ID

# The API's bodies are two levels deep; anything far deeper is a mistake or an attack, refused with a reason
# instead of depending on where the interpreter's recursion limit happens to be.
MAX_JSON_DEPTH = 32
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def install_input_guards(app: Flask) -> None:
    """Bound every `<int:...>` in the routes, parse JSON strictly, and check every request before its view.
    Call before the blueprints are registered: their rules pick their converters when they are added."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.json = StrictJSONProvider(app)
    app.before_request(refuse_unstorable_input)


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>`: an id larger than the database's integer names nothing, so the address is a plain 404
    (PostgreSQL would refuse the query; SQLite overflows past 2**63)."""

    def to_python(self, value: str) -> int:
        # NotFound rather than werkzeug's ValidationError: after a rule of another method matched the same path,
        # a failed conversion becomes "405 method not allowed" (PATCH /challenges/2147483648 would be a 405).
        # The length is checked first, as int() of thousands of digits raises.
        if len(value.lstrip("-")) > len(str(MAX_DATABASE_ID)) or int(value) > MAX_DATABASE_ID:
            raise NotFound()
        return super().to_python(value)


class StrictJSONProvider(DefaultJSONProvider):
    """JSON as the standard defines it: no NaN or Infinity (Python accepts them), no number that overflows to
    infinity, and nesting too deep to parse is an error like any other (a ValueError, so a 400)."""

    def loads(self, s, **kwargs):
        kwargs.setdefault("parse_constant", _refuse_constant)
        kwargs.setdefault("parse_float", _finite_float)
        try:
            return json.loads(s, **kwargs)
        except RecursionError:
            raise JSONTooDeep("JSON nested too deeply") from None


class JSONTooDeep(ValueError):
    """JSON nested beyond what the parser can follow."""


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:20]} is too large a number")
    return number


def refuse_unstorable_input() -> None:
    """Before every view: NUL characters in the address, the query string or a form, and JSON that is broken,
    too deep, or holds a NUL or a lone surrogate, are refused with a 400 naming the field."""
    for name, text in _request_texts():
        if "\x00" in text:
            raise _nul_refused(name)
    data = request.get_data(cache=True) if request.is_json else b""
    if data:  # an empty body is the view's to refuse (or ignore, for a GET)
        try:
            body = current_app.json.loads(data)
        except JSONTooDeep:
            raise _too_deep() from None
        except ValueError:  # also bytes that are not UTF-8
            raise DomainError(_("The request body is not valid JSON. Check its syntax: numbers must be finite "
                                "(NaN and Infinity are not JSON).")) from None
        _check_json(body)


def _request_texts() -> Iterator[tuple[str | None, str]]:
    yield None, request.path
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            yield name, name
            yield name, value


def _nul_refused(name: str | None) -> DomainError:
    message = _("The text contains an invisible character (NUL) that cannot be stored. Remove it and try again.")
    return DomainError(message, {name: [message]} if name else None)


def _too_deep() -> DomainError:
    return DomainError(_("The JSON body is nested too deeply: use at most %(n)d levels.", n=MAX_JSON_DEPTH))


def _check_json(body) -> None:
    """Walk the parsed body without recursion; the first bad string is refused, named by its top-level field."""
    pending = [(body, None, 1)]
    while pending:
        value, field, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        if isinstance(value, dict):
            for key, item in value.items():
                _check_json_text(key, field or key)
                pending.append((item, field or key, depth + 1))
        elif isinstance(value, list):
            pending.extend((item, field, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_json_text(value, field)


def _check_json_text(text: str, field: str | None) -> None:
    if "\x00" in text:
        raise _nul_refused(field)
    if LONE_SURROGATE.search(text):
        message = _("The text contains half of a character (a lone surrogate such as \\ud800) that cannot be "
                    "stored. Send the text as valid UTF-8.")
        raise DomainError(message, {field: [message]} if field else None)
