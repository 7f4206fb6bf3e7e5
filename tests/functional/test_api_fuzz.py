"""Property-based fuzzing of the whole /api/v1, generated from the app's own OpenAPI document (schemathesis).

Every operation gets valid and invalid inputs (positive and negative modes). Each answer must not be a 5xx and
must match the document: a documented status code, its content type and its response schema. The run is
derandomized, so CI and a laptop see the same cases; run it alone with `pytest tests/functional/test_api_fuzz.py`.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from matchmaker.academics.models import Publication
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

# Examples per operation and mode: 20 (about 1,400 requests) meets the hostile shapes (wrong types, huge numbers,
# odd strings) on every operation and keeps a run near a minute per database on two busy cores. FUZZ_EXAMPLES
# raises it for a deeper run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Who calls each operation: the person whose request reaches furthest into its code (the owner for writes).
CALLER_OF = {"POST /challenges": "member", "PATCH /challenges/{challenge_id}": "member",
             "POST /offers": "academic", "PATCH /offers/{offer_id}": "academic"}


@pytest.fixture
def app_settings(rate_limits_off):
    # Hundreds of failed sign-ins at POST /tokens: the login limit would answer 429 to the rest of the run.
    return rate_limits_off


@pytest.fixture
def fuzz_world(app, make, client):
    """A little data, the callers' headers, and the real ids the generated ids are swapped for half the time."""
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    academic = make.academic(verified=True)
    make.profile(academic, biography="Energy poverty and housing in Turin.", expertise=["energy", "housing"])
    challenge = make.challenge(organisation, author=member, keywords=["energy"], summary="Families cannot heat.")
    offer = make.offer(academic, keywords=["energy"])
    db.session.add(Publication(profile=academic.academic_profile, title="Energy poverty in Turin", year=2021))
    db.session.commit()
    headers = {role: make.api_headers(client, person) for role, person in
               {"coordinator": make.coordinator(verified=True), "member": member, "academic": academic}.items()}
    ids = {"challenge_id": challenge.id, "offer_id": offer.id, "academic_id": academic.id,
           "organisation_id": organisation.id}
    return headers, ids


def _fuzz(operation, mode: GenerationMode, headers: dict, ids: dict) -> None:
    """Run one operation's generated cases; Hypothesis raises the smallest failing one."""
    caller = headers[CALLER_OF.get(f"{operation.method.upper()} {operation.path}", "coordinator")]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.validate_response(case.call(headers=caller), checks=CHECKS)
        if any(name in ids for name in case.path_parameters or {}):
            # The same input on an object that exists, so it reaches past the lookup.
            case.path_parameters = {**case.path_parameters,
                                    **{name: ids[name] for name in case.path_parameters if name in ids}}
            case.validate_response(case.call(headers=caller), checks=CHECKS)

    run()


def test_every_api_operation_answers_as_documented_and_never_with_a_server_error(app, fuzz_world):
    headers, ids = fuzz_world
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, headers, ids)
            except Unsatisfiable:  # negative mode on an operation that takes no input: nothing to break
                continue
            except (Exception, BaseExceptionGroup) as error:  # every operation is fuzzed; all failures reported
                failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}")

    assert not failures, "\n\n".join(failures)
