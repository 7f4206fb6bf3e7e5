"""/api/v1/sdgs/suggest: the goals (and targets) a text addresses, with a confidence and the reasons, from the
platform's own suggester. It reads and writes nothing of anyone's: any caller may ask, within a rate limit."""
from flask import Blueprint, jsonify

from matchmaker.api import models
from matchmaker.api.models import Error
from matchmaker.api.openapi import describe
from matchmaker.api.parsing import valid_body
from matchmaker.extensions import limiter
from matchmaker.sdgs import suggesting

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("sdgs", __name__)


@blueprint.post("/sdgs/suggest")
@limiter.limit("60 per minute", scope="sdg-suggest")
@describe("The Sustainable Development Goals a text addresses, each with its targets, a confidence and reasons.",
          request=models.SuggestRequest, responses={200: models.SdgSuggestions, 422: Error})
def suggest():
    body = valid_body()
    suggestions = suggesting.suggest(body.text, language=body.language)
    return jsonify({"sdgs": [{"number": s.number, "confidence": round(float(s.confidence), 3),
                              "targets": list(s.targets), "reasons": list(s.reasons)} for s in suggestions]})
