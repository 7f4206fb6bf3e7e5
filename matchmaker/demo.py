"""Demo data: a living platform for a newcomer to explore. Idempotent: a second run changes nothing.

Who the demo people are and what they wrote lives in the JSON files of matchmaker/demo_data, one file per kind;
this module checks them and turns each entry into rows. A row that exists already is left as it is, even if
the demo text has changed since. Italian-speaking people write in Italian, English-speaking people in English.
"""
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, AcademicRole, Publication
from matchmaker.auth.models import Language, Role, User, UserRole
from matchmaker.auth.services import hash_password, user_by_email
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.extensions import db
from matchmaker.impact.catalogue import STANDARD_INDICATORS
from matchmaker.impact.models import Indicator, IndicatorValue, OutcomeKind, ValueAction, ValueEvent, Verification
from matchmaker.impact.services import custom_indicator
from matchmaker.initiatives.models import (
    Initiative,
    InitiativeLink,
    InitiativePartner,
    InitiativePerson,
    InitiativeStatus,
    InterventionKind,
    Milestone,
    ReviewState,
)
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.orgs.services import name_key, organisation_by_name
from matchmaker.reference.data import DEPARTMENTS, SDGS
from matchmaker.reference.models import SDG, HelpKind, Scale
from matchmaker.reference.services import department_by_code, seed_reference_data
from matchmaker.types import utcnow
from matchmaker.workflow import machine
from matchmaker.workflow import services as workflow
from matchmaker.workflow.models import (
    Proposal,
    ProposalAcademic,
    ProposalEvent,
    ProposalIndicator,
    ProposalMessage,
    WorkspaceRevision,
)
from matchmaker.workflow.stages import (
    ACTION_PLAN,
    ACTION_PLAN_FIELDS,
    INDICATORS,
    PROBLEM_STATEMENT,
    REASON,
    REASONS,
    Side,
    Stage,
)

DEMO_PASSWORD = "matchmaker-demo"  # noqa: S105  (printed for newcomers; demo data only)
DATA = resources.files("matchmaker") / "demo_data"


class DemoDataError(ValueError):
    """A demo data file that cannot be used as it is; the message names the file, the entry and the fault."""


# --- reading the files: each value is checked and turned into what the models take ------------------------

Reader = Callable[[Any], Any]


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty text")
    return value


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    return value


def _yes_no(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _day(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError("must be a day written YYYY-MM-DD") from None


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("must be a list of texts")
    return [_text(item) for item in value]


def _sdgs(value: Any) -> list[int]:
    numbers = {number for number, _it, _en in SDGS}
    if not isinstance(value, list) or any(type(number) is not int or number not in numbers for number in value):
        raise ValueError(f"must be a list of SDG numbers, {min(numbers)} to {max(numbers)}")
    return list(value)


def _department(value: Any) -> str:
    codes = [code for code, _it, _en in DEPARTMENTS]
    if value not in codes:
        raise ValueError(f"must be a department code: {', '.join(codes)}")
    return value


def _one_of(enum_class) -> Reader:
    def read(value: Any):
        try:
            return enum_class(value)
        except ValueError:
            raise ValueError(f"must be one of {', '.join(member.value for member in enum_class)}") from None
    return read


def _or_null(read: Reader) -> Reader:
    def read_or_null(value: Any):
        return None if value is None else read(value)
    return read_or_null


def _action_plan(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != set(ACTION_PLAN_FIELDS) or any(
            not isinstance(part, str) for part in value.values()):
        raise ValueError(f"must be an object with the texts {', '.join(ACTION_PLAN_FIELDS)} (empty for a draft)")
    return dict(value)


INDICATOR_KEYS = ("indicator", "value", "unit", "method")


def _indicators(value: Any) -> list[dict]:
    if not isinstance(value, list) or not value or any(
            not isinstance(row, dict) or set(row) != set(INDICATOR_KEYS) or not machine.complete_indicator(row)
            for row in value):
        raise ValueError("must be a list of measured indicators, each with a text indicator, a number value, "
                         "a text unit and a text method")
    return [dict(row) for row in value]


# A step of a proposal's story: on `days_ago`, `by` writes `message` and/or moves it `to` a stage. The keys
# after "to" may be left out; "action_plan" replaces the proposal's final plan for that move only (a first
# draft that a coordinator sends back, say).
STEP_READERS: dict[str, Reader] = {
    "days_ago": _whole_number, "by": _text, "to": _or_null(_one_of(Stage)), "message": _or_null(_text),
    "reason_code": _or_null(_text), "reason": _or_null(_text), "action_plan": _or_null(_action_plan)}
STEP_REQUIRED = ("days_ago", "by", "to")


def _steps(value: Any) -> list[dict]:
    if not isinstance(value, list):
        raise ValueError("must be a list of steps")
    steps = []
    for number, step in enumerate(value, start=1):
        if not isinstance(step, dict) or any(key not in step for key in STEP_REQUIRED) or any(
                key not in STEP_READERS for key in step):
            raise ValueError(f"step {number} must be an object with the keys {', '.join(STEP_REQUIRED)} and "
                             f"optionally {', '.join(key for key in STEP_READERS if key not in STEP_REQUIRED)}")
        try:
            steps.append({key: read(step.get(key)) for key, read in STEP_READERS.items()})
        except ValueError as error:
            raise ValueError(f"step {number}: {error}") from None
        if steps[-1]["to"] is None and steps[-1]["message"] is None:
            raise ValueError(f"step {number} must move the proposal or write a message")
    return steps


def _text_or_empty(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a text (empty if there is none)")
    return value


def _progress(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError("must be a whole number from 0 to 100")
    return value


def _milestones(value: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(row, dict) and set(row) == {"title", "due_on", "done"}
                                              for row in value):
        raise ValueError("must be a list of objects with the keys title, due_on, done")
    return [{"title": _text(row["title"]), "due_on": _day(row["due_on"]), "done": _yes_no(row["done"])}
            for row in value]


def _links(value: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(row, dict) and set(row) == {"label", "url"}
                                              for row in value):
        raise ValueError("must be a list of objects with the keys label, url")
    if any(not str(row["url"]).startswith("https://") for row in value):
        raise ValueError("must give addresses starting with https://")
    return [{"label": _text(row["label"]), "url": _text(row["url"])} for row in value]


# An initiative's indicator value: a standard indicator by "code", or a custom one by "name", "unit" and
# "outcome"; "confirmed_by" names the partner ("Name, Organisation") or says "coordinator"; "dispute_reason"
# says why a disputed value is disputed.
VALUE_KEYS = {"year", "value", "method", "measured_by", "evidence_url", "state", "confirmed_by", "dispute_reason"}
STANDARD_CODES = {row[0] for row in STANDARD_INDICATORS}


def _impact_values(value: Any) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise ValueError("must be a list of indicator values")
    rows = []
    for row in value:
        named = set(row) - VALUE_KEYS
        if named not in ({"code"}, {"name", "unit", "outcome"}) or not VALUE_KEYS <= set(row):
            raise ValueError(f"must give each value the keys {', '.join(sorted(VALUE_KEYS))} and either code or "
                             "name, unit and outcome")
        if "code" in row and row["code"] not in STANDARD_CODES:
            raise ValueError(f"names {row['code']!r}, which is not a standard indicator's code")
        if isinstance(row["value"], bool) or not isinstance(row["value"], int | float) or row["value"] < 0:
            raise ValueError("must give each value a number, 0 or more")
        state = _one_of(Verification)(row["state"])
        if (state is Verification.CONFIRMED) != (row["confirmed_by"] is not None) \
                or (state is Verification.DISPUTED) != (row["dispute_reason"] is not None):
            raise ValueError("must name who confirmed each confirmed value (and only those), and say why each "
                             "disputed value is disputed (and only those)")
        rows.append({**row, "year": _whole_number(row["year"]), "method": _text(row["method"]),
                     "measured_by": _text(row["measured_by"]), "state": state,
                     "evidence_url": _or_null(_text)(row["evidence_url"]),
                     "outcome": _one_of(OutcomeKind)(row["outcome"]) if "outcome" in row else None})
    return rows


# Every entry of a file has exactly these keys (null where a reader allows it). References between files use
# an organisation's name and a person's e-mail.
FIELDS: dict[str, dict[str, Reader]] = {
    "staff.json": {"email": _text, "name": _text, "language": _one_of(Language), "role": _one_of(Role)},
    "organisations.json": {
        "name": _text, "kind": _one_of(OrganisationKind), "city": _text, "website": _or_null(_text),
        "description": _text, "status": _one_of(OrganisationStatus), "status_reason": _or_null(_text)},
    "members.json": {"email": _text, "name": _text, "language": _one_of(Language), "organisation": _text,
                     "membership": _one_of(MembershipStatus)},
    "academics.json": {
        "email": _text, "name": _text, "language": _one_of(Language), "department": _department,
        "academic_role": _one_of(AcademicRole), "biography": _text, "expertise": _texts, "sdgs": _sdgs,
        "languages": _texts, "capacity_per_semester": _whole_number, "available": _yes_no,
        "directory_opt_in": _yes_no, "suggest_to_organisations": _yes_no},
    "publications.json": {"academic": _text, "title": _text, "year": _whole_number, "venue": _text,
                          "abstract": _text},
    "challenges.json": {
        "organisation": _text, "title": _text, "summary": _text, "description": _text, "sdgs": _sdgs,
        "keywords": _texts, "kind": _one_of(HelpKind), "place": _text, "scale": _one_of(Scale),
        "resources": _text, "deadline": _or_null(_day), "visibility": _one_of(Visibility),
        "status": _one_of(ChallengeStatus)},
    "offers.json": {
        "academic": _text, "title": _text, "description": _text, "kind": _one_of(HelpKind), "sdgs": _sdgs,
        "keywords": _texts, "capacity": _whole_number, "available_from": _or_null(_day),
        "available_until": _or_null(_day), "status": _one_of(OfferStatus)},
    "proposals.json": {
        "organisation": _text, "challenge": _text, "academics": _texts, "started_by": _text,
        "started_days_ago": _whole_number, "message": _text, "problem_statement": _or_null(_text),
        "action_plan": _or_null(_action_plan), "indicators": _or_null(_indicators), "steps": _steps},
    "initiatives.json": {
        "title": _text, "summary": _text, "description": _text, "partner_story": _text_or_empty,
        "kind": _one_of(InterventionKind), "status": _one_of(InitiativeStatus), "place": _text,
        "reach": _one_of(Scale), "starts_on": _day, "ends_on": _or_null(_day), "progress": _or_null(_progress),
        "sdgs": _sdgs, "leads": _texts,
        "other_people": _texts, "organisations": _texts, "partner_names": _texts, "milestones": _milestones,
        "links": _links, "review": _one_of(ReviewState), "hidden_reason": _or_null(_text),
        "indicators": _impact_values},
}


@dataclass(frozen=True)
class DemoContent:
    """The entries of every demo data file, checked, in file order (which is the order of creation)."""

    staff: list[dict]
    organisations: list[dict]
    members: list[dict]
    academics: list[dict]
    publications: list[dict]
    challenges: list[dict]
    offers: list[dict]
    proposals: list[dict]
    initiatives: list[dict]


def _entry_name(path: Traversable, number: int, entry: Any) -> str:
    """Where an entry is, for a message: the file, its position, and its title, name or e-mail if it has one."""
    label = next((entry[key] for key in ("title", "name", "email", "challenge")
                  if isinstance(entry, dict) and isinstance(entry.get(key), str)), None)
    return f"{path}, entry {number}" + (f" ({label!r})" if label else "")


def _read_file(folder: Traversable, file_name: str) -> list[dict]:
    path = folder / file_name
    fields = FIELDS[file_name]
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{path}: the file is missing") from None
    except UnicodeDecodeError:
        raise DemoDataError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DemoDataError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(entries, list):
        raise DemoDataError(f"{path}: the file must hold a list of entries")
    checked = []
    for number, entry in enumerate(entries, start=1):
        where = _entry_name(path, number, entry)
        if not isinstance(entry, dict):
            raise DemoDataError(f"{where}: an entry must be an object with the keys {', '.join(fields)}")
        missing = [key for key in fields if key not in entry]
        unknown = [key for key in entry if key not in fields]
        if missing or unknown:
            faults = ([f"missing key {', '.join(map(repr, missing))}"] if missing else []) + (
                [f"unknown key {', '.join(map(repr, unknown))}"] if unknown else [])
            raise DemoDataError(f"{where}: {'; '.join(faults)} (the keys are {', '.join(fields)})")
        values = {}
        for key, read in fields.items():
            try:
                values[key] = read(entry[key])
            except ValueError as error:
                raise DemoDataError(f"{where}: {key!r} {error}, not {json.dumps(entry[key], ensure_ascii=False)}"
                                    ) from None
        checked.append(values)
    return checked


def _where(folder: Traversable, file_name: str, number: int, entry: dict) -> str:
    return _entry_name(folder / file_name, number, entry)


def _check_unique(folder: Traversable, file_name: str, entries: list[dict], key: Callable[[dict], Any],
                  fault: str) -> None:
    seen = set()
    for number, entry in enumerate(entries, start=1):
        if key(entry) in seen:
            raise DemoDataError(f"{_where(folder, file_name, number, entry)}: {fault}")
        seen.add(key(entry))


def _check_references(folder: Traversable, content: DemoContent) -> None:
    """Nothing is given twice, and every reference names an entry of the file it refers to.

    A second entry for the same person, organisation or title would be skipped silently by the seeding
    (which keeps what exists), so it is refused here.
    """
    people = ([("staff.json", number, entry) for number, entry in enumerate(content.staff, start=1)]
              + [("members.json", number, entry) for number, entry in enumerate(content.members, start=1)]
              + [("academics.json", number, entry) for number, entry in enumerate(content.academics, start=1)])
    emails: set[str] = set()
    for file_name, number, person in people:
        if person["email"].lower() in emails:
            raise DemoDataError(f"{_where(folder, file_name, number, person)}: another demo person has this e-mail")
        emails.add(person["email"].lower())
    _check_unique(folder, "organisations.json", content.organisations, lambda entry: name_key(entry["name"]),
                  "another organisation has this name")
    _check_unique(folder, "challenges.json", content.challenges,
                  lambda entry: (entry["organisation"], entry["title"]),
                  "another challenge of this organisation has this title")
    _check_unique(folder, "offers.json", content.offers, lambda entry: (entry["academic"], entry["title"]),
                  "another offer of this academic has this title")
    _check_unique(folder, "publications.json", content.publications,
                  lambda entry: (entry["academic"], entry["title"]),
                  "another publication of this academic has this title")

    organisations = {entry["name"] for entry in content.organisations}
    academics = {entry["email"] for entry in content.academics}
    references = [("members.json", content.members, "organisation", organisations, "organisations.json"),
                  ("challenges.json", content.challenges, "organisation", organisations, "organisations.json"),
                  ("publications.json", content.publications, "academic", academics, "academics.json"),
                  ("offers.json", content.offers, "academic", academics, "academics.json")]
    for file_name, entries, key, known, known_file in references:
        for number, entry in enumerate(entries, start=1):
            if entry[key] not in known:
                raise DemoDataError(f"{_where(folder, file_name, number, entry)}: {key} {entry[key]!r} "
                                    f"is not in {known_file}")
    _check_proposals(folder, content)
    _check_initiatives(folder, content, organisations, academics)


def _check_initiatives(folder: Traversable, content: DemoContent, organisations: set[str], academics: set[str]) -> None:
    """Each initiative has its own title, demo academics as leads, demo organisations as partners, and dates in
    order."""
    _check_unique(folder, "initiatives.json", content.initiatives, lambda entry: entry["title"],
                  "another initiative has this title")
    for number, entry in enumerate(content.initiatives, start=1):
        where = _where(folder, "initiatives.json", number, entry)
        if not entry["leads"] or any(email not in academics for email in entry["leads"]):
            raise DemoDataError(f"{where}: leads must name people of academics.json")
        strangers = [name for name in entry["organisations"] if name not in organisations]
        if strangers:
            raise DemoDataError(f"{where}: organisation {strangers[0]!r} is not in organisations.json")
        if entry["ends_on"] and entry["ends_on"] < entry["starts_on"]:
            raise DemoDataError(f"{where}: ends_on is before starts_on")
        periods = [(row.get("code") or (row["name"], row["unit"]), row["year"]) for row in entry["indicators"]]
        if len(set(periods)) != len(periods):
            raise DemoDataError(f"{where}: two indicator values of the same indicator and year")
        last_year = (entry["ends_on"] or utcnow().date()).year
        if any(not entry["starts_on"].year <= row["year"] <= last_year for row in entry["indicators"]):
            raise DemoDataError(f"{where}: an indicator value's year is outside the initiative's years")


def _check_proposals(folder: Traversable, content: DemoContent) -> None:
    """Each proposal names a demo challenge, demo academics and people who may act on it, and its story follows
    the transition table with what each move needs, checked by the workflow's own machine before anything is
    written (a story the table refuses would otherwise stop the seeding half-way)."""
    _check_unique(folder, "proposals.json", content.proposals,
                  lambda entry: (entry["organisation"], entry["challenge"], tuple(sorted(entry["academics"]))),
                  "another proposal joins this challenge and these academics")
    challenges = {(entry["organisation"], entry["title"]) for entry in content.challenges}
    academics = {entry["email"] for entry in content.academics}
    coordinators = {entry["email"] for entry in content.staff if entry["role"] in (Role.COORDINATOR, Role.ADMIN)}
    for number, entry in enumerate(content.proposals, start=1):
        where = _where(folder, "proposals.json", number, entry)
        if (entry["organisation"], entry["challenge"]) not in challenges:
            raise DemoDataError(f"{where}: challenge {entry['challenge']!r} of {entry['organisation']!r} is not in "
                                "challenges.json")
        strangers = [email for email in entry["academics"] if email not in academics]
        if strangers or not entry["academics"]:
            raise DemoDataError(f"{where}: academics must name people of academics.json"
                                + (f", not {', '.join(strangers)}" if strangers else ""))
        members = {person["email"] for person in content.members if person["organisation"] == entry["organisation"]
                   and person["membership"] is MembershipStatus.ACTIVE}
        on_proposal = {Side.ORGANISATION.value: members, Side.ACADEMIC.value: set(entry["academics"]),
                       Side.COORDINATOR.value: coordinators}

        def sides(email: str, on_proposal=on_proposal) -> set[str]:
            return {side for side, emails in on_proposal.items() if email in emails}

        proposer = sides(entry["started_by"]) - {Side.COORDINATOR.value}
        if len(proposer) != 1:
            raise DemoDataError(f"{where}: started_by must be an active member of {entry['organisation']!r} or "
                                "one of the proposal's academics")
        proposer_side = proposer.pop()
        stage, days_ago = Stage.PROPOSED, entry["started_days_ago"]
        for step_number, step in enumerate(entry["steps"], start=1):
            at = f"{where}, step {step_number}"
            if step["days_ago"] > days_ago:
                raise DemoDataError(f"{at}: days_ago {step['days_ago']} is before the step that precedes it")
            days_ago = step["days_ago"]
            if not sides(step["by"]):
                raise DemoDataError(f"{at}: {step['by']!r} is not on this proposal nor a coordinator")
            if step["to"] is None:
                continue
            try:
                transition = machine.check(stage, step["to"], sides(step["by"]), proposer_side,
                                           _move_inputs(entry, step))
            except machine.MoveRefused as refused:
                raise DemoDataError(f"{at}: the transition table refuses the move from {stage} to {step['to']} "
                                    f"by {step['by']} ({refused})") from None
            if step["reason_code"] and step["reason_code"] not in REASONS.get(transition.name, ()):
                raise DemoDataError(f"{at}: reason_code must be one of {', '.join(REASONS.get(transition.name, ()))}")
            stage = step["to"]


def _move_inputs(entry: dict, step: dict) -> dict:
    """What a step's move is given: its reason, and the proposal's problem statement, plan and indicators."""
    return {REASON: step["reason"], "reason_code": step["reason_code"],
            PROBLEM_STATEMENT: entry["problem_statement"],
            ACTION_PLAN: step["action_plan"] or entry["action_plan"], INDICATORS: entry["indicators"]}


def load_demo_content(folder: Traversable | Path | None = None) -> DemoContent:
    """Read and check every demo data file (by default those installed with the package).

    Raises DemoDataError, naming the file and the entry, for a file that is missing, malformed or
    inconsistent, before anything is written.
    """
    folder = folder if folder is not None else DATA
    content = DemoContent(**{file_name.removesuffix(".json"): _read_file(folder, file_name) for file_name in FIELDS})
    _check_references(folder, content)
    return content


# --- seeding: each entry becomes rows, unless they exist already ----------------------------------------------

def _ensure_user(email: str, name: str, language: Language, role: Role,
                 password_hash_for: Callable[[str], str]) -> User:
    user = user_by_email(email)
    if user is None:
        user = User(email=email, name=name, preferred_language=language, password_hash=password_hash_for(email),
                    email_verified_at=utcnow(), role_rows=[UserRole(role=role)])
        db.session.add(user)
    return user


def _ensure_organisation(entry: dict) -> Organisation:
    organisation = organisation_by_name(entry["name"])
    if organisation is None:
        status = entry["status"]
        organisation = Organisation(
            name=entry["name"], name_key=name_key(entry["name"]), kind=entry["kind"], city=entry["city"],
            website=entry["website"], description=entry["description"], status=status,
            status_reason=entry["status_reason"],
            status_changed_at=utcnow() if status is not OrganisationStatus.PENDING else None)
        db.session.add(organisation)
    return organisation


def _days_ago(now: datetime, index: int, spread: int) -> datetime:
    """A moment in the past few weeks, different for each item, so listings by date look natural."""
    return now - timedelta(days=1 + (index * 7) % spread, hours=(index * 5) % 24, minutes=(index * 13) % 60)


def _new_profile(entry: dict, sdgs: dict[int, SDG]) -> AcademicProfile:
    return AcademicProfile(
        department=department_by_code(entry["department"]), academic_role=entry["academic_role"],
        biography=entry["biography"], expertise=list(entry["expertise"]), languages=list(entry["languages"]),
        capacity_per_semester=entry["capacity_per_semester"], available=entry["available"],
        directory_opt_in=entry["directory_opt_in"], suggest_to_organisations=entry["suggest_to_organisations"],
        sdgs=[sdgs[number] for number in entry["sdgs"]])


def _ensure_publications(profile: AcademicProfile, publications: list[dict]) -> None:
    """Add the publications the profile lacks, recognised by title."""
    titles = {publication.title for publication in profile.publications}
    for entry in publications:
        if entry["title"] not in titles:
            profile.publications.append(Publication(title=entry["title"], year=entry["year"], venue=entry["venue"],
                                                    abstract=entry["abstract"]))


def _ensure_challenge(entry: dict, organisation: Organisation, author: User | None, sdgs: dict[int, SDG],
                      published_at: datetime) -> None:
    exists = db.session.scalar(sa.select(Challenge.id).where(Challenge.organisation_id == organisation.id,
                                                             Challenge.title == entry["title"]))
    if exists is not None:
        return
    status = entry["status"]
    created_at = published_at - timedelta(days=3)
    db.session.add(Challenge(
        organisation=organisation, created_by_id=author.id if author else None, title=entry["title"],
        summary=entry["summary"], description=entry["description"], keywords=list(entry["keywords"]),
        kind=entry["kind"], place=entry["place"], scale=entry["scale"], resources=entry["resources"],
        deadline=entry["deadline"], visibility=entry["visibility"], status=status,
        sdgs=[sdgs[number] for number in entry["sdgs"]], created_at=created_at,
        updated_at=created_at if status is ChallengeStatus.DRAFT else published_at,
        published_at=None if status is ChallengeStatus.DRAFT else published_at))


def _ensure_offer(entry: dict, academic: User, sdgs: dict[int, SDG], created_at: datetime) -> None:
    exists = db.session.scalar(sa.select(Offer.id).where(Offer.academic_id == academic.id,
                                                         Offer.title == entry["title"]))
    if exists is not None:
        return
    db.session.add(Offer(
        academic=academic, title=entry["title"], description=entry["description"], kind=entry["kind"],
        keywords=list(entry["keywords"]), capacity=entry["capacity"], available_from=entry["available_from"],
        available_until=entry["available_until"], status=entry["status"],
        sdgs=[sdgs[number] for number in entry["sdgs"]], created_at=created_at, updated_at=created_at))


# --- proposals: their story is played through the workflow, then moved back in time -------------------------

def _proposal_exists(challenge: Challenge, academic_ids: list[int]) -> bool:
    """A proposal on this challenge with exactly these academics, whatever stage it reached since."""
    for proposal_id in db.session.scalars(sa.select(Proposal.id).where(Proposal.challenge_id == challenge.id)):
        on = set(db.session.scalars(sa.select(ProposalAcademic.academic_id)
                                    .where(ProposalAcademic.proposal_id == proposal_id)))
        if on == set(academic_ids):
            return True
    return False


def _last_id(model, proposal_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(model.id), 0))
                             .where(model.proposal_id == proposal_id))


def _backdate(model, proposal_id: int, after_id: int, when: datetime) -> None:
    """Give the rows of `model` written for this proposal since `after_id` the moment of their step.

    A Core UPDATE on purpose: proposal events refuse any change through the ORM (the audit trail is append-only
    for the application), and these rows were written seconds ago in this same transaction, by the seeding,
    before anyone could read them. The stories are told through workflow.services so that every event, revision
    and message is the one a real person's move would write; only their dates are moved, spreading the stories
    over the past weeks so that timelines, the time spent in each stage, reminders and stalled flags show a
    platform in use rather than fourteen proposals all a second old.
    """
    db.session.execute(sa.update(model).where(model.proposal_id == proposal_id, model.id > after_id)
                       .values(created_at=when))


def _ensure_proposal(entry: dict, challenge: Challenge, people: dict[str, User], now: datetime) -> None:
    academic_ids = [people[email].id for email in entry["academics"]]
    if _proposal_exists(challenge, academic_ids):
        return
    history = (WorkspaceRevision, ProposalMessage, ProposalEvent, ProposalIndicator)
    started = now - timedelta(days=entry["started_days_ago"], hours=3)
    starter = people[entry["started_by"]]
    proposal = workflow.start_proposal(challenge, starter, entry["message"],
                                       academic_ids=academic_ids if starter.id not in academic_ids else ())
    for model in history:
        _backdate(model, proposal.id, 0, started)
    moved_at = last = started
    for step in entry["steps"]:
        # Each step on its day, at a moment after the step before it (two steps on one day stay in order).
        when = max(now - timedelta(days=step["days_ago"], hours=2), last + timedelta(minutes=20))
        marks = {model: _last_id(model, proposal.id) for model in history}
        person = people[step["by"]]
        if step["message"]:
            workflow.post_message(proposal, person, step["message"])
        if step["to"] is not None:
            workflow.apply_transition(proposal, person, step["to"], _move_inputs(entry, step))
            moved_at = when
        for model, mark in marks.items():
            _backdate(model, proposal.id, mark, when)
        last = when
    # A proposal still being written shows its draft in the workspace, saved by the person who started it.
    for field in (PROBLEM_STATEMENT, ACTION_PLAN):
        draft = entry[field]
        if draft and workflow.may_edit(proposal, field) and getattr(proposal, field) != draft:
            mark = _last_id(WorkspaceRevision, proposal.id)
            workflow.save_workspace(proposal, starter, field, draft)
            _backdate(WorkspaceRevision, proposal.id, mark, last + timedelta(minutes=30))
    db.session.execute(sa.update(Proposal).where(Proposal.id == proposal.id).values(
        created_at=started, updated_at=last, stage_changed_at=moved_at))
    db.session.expire(proposal)


def _seed_proposals(content: DemoContent, organisations: dict[str, Organisation], now: datetime) -> None:
    people = {user.email.lower(): user for user in db.session.scalars(sa.select(User))}
    people = {entry["email"]: people[entry["email"].lower()]
              for entry in content.staff + content.members + content.academics}
    for entry in content.proposals:
        challenge = db.session.scalar(sa.select(Challenge).where(
            Challenge.organisation_id == organisations[entry["organisation"]].id,
            Challenge.title == entry["challenge"]))
        _ensure_proposal(entry, challenge, people, now)


# --- initiatives: the register, over five years ------------------------------------------------------------

def _seed_initiatives(content: DemoContent, organisations: dict[str, Organisation], academics: dict[str, User],
                      sdgs: dict[int, SDG]) -> None:
    """Add the demo initiatives the register lacks, recognised by title. Written as rows, as a registry kept
    elsewhere would be imported: their review and hiding are the demo's, not a coordinator's act."""
    existing = set(db.session.scalars(sa.select(Initiative.title)))
    coordinator = user_by_email(next(entry["email"] for entry in content.staff if entry["role"] is Role.COORDINATOR))
    for entry in content.initiatives:
        if entry["title"] in existing:
            continue
        leads = [academics[email] for email in entry["leads"]]
        departments = list({lead.academic_profile.department_id: lead.academic_profile.department
                            for lead in leads}.values())
        created_at = datetime.combine(entry["starts_on"], datetime.min.time(), tzinfo=UTC) - timedelta(days=20)
        hidden = entry["hidden_reason"] is not None
        db.session.add(Initiative(
            title=entry["title"], summary=entry["summary"], description=entry["description"],
            partner_story=entry["partner_story"], kind=entry["kind"], status=entry["status"], place=entry["place"],
            reach=entry["reach"], starts_on=entry["starts_on"], ends_on=entry["ends_on"], progress=entry["progress"],
            review=entry["review"], created_by_id=leads[0].id, created_at=min(created_at, utcnow()),
            updated_at=min(created_at, utcnow()), sdgs=[sdgs[number] for number in entry["sdgs"]],
            departments=departments,
            hidden_at=utcnow() if hidden else None, hidden_reason=entry["hidden_reason"],
            hidden_by_id=coordinator.id if hidden and coordinator else None,
            people=[InitiativePerson(user=lead, lead=True, position=n) for n, lead in enumerate(leads)]
            + [InitiativePerson(name=name, position=len(leads) + n) for n, name in enumerate(entry["other_people"])],
            partners=[InitiativePartner(organisation=organisations[name], position=n)
                      for n, name in enumerate(entry["organisations"])]
            + [InitiativePartner(name=name, position=len(entry["organisations"]) + n)
               for n, name in enumerate(entry["partner_names"])],
            milestones=[Milestone(**row) for row in entry["milestones"]],
            links=[InitiativeLink(position=n, **row) for n, row in enumerate(entry["links"])]))
    db.session.flush()
    _seed_impact_values(content, coordinator)


def _seed_impact_values(content: DemoContent, coordinator: User | None) -> None:
    """Add the demo indicator values each initiative lacks (one per indicator and year), with the history of
    their verification, dated after the end of their year."""
    initiatives = {initiative.title: initiative for initiative in db.session.scalars(sa.select(Initiative))}
    standard = {indicator.code: indicator for indicator in db.session.scalars(sa.select(Indicator))}
    existing = set(db.session.execute(sa.select(IndicatorValue.initiative_id, IndicatorValue.indicator_id,
                                                IndicatorValue.year)))
    now = utcnow()
    for entry in content.initiatives:
        initiative = initiatives[entry["title"]]
        for row in entry["indicators"]:
            indicator = standard[row["code"]] if "code" in row else custom_indicator(row["name"], row["unit"],
                                                                                     row["outcome"])
            if (initiative.id, indicator.id, row["year"]) in existing:
                continue
            declared_at = min(datetime(row["year"], 12, 20, 10, tzinfo=UTC), now - timedelta(days=20))
            verified_at = min(declared_at + timedelta(days=25), now - timedelta(days=2))
            state = row["state"]
            by_coordinator = state is Verification.CONFIRMED and row["confirmed_by"] == "coordinator"
            value = IndicatorValue(
                initiative_id=initiative.id, indicator=indicator, year=row["year"], value=float(row["value"]),
                method=row["method"], measured_by=row["measured_by"], evidence_url=row["evidence_url"], state=state,
                state_reason=row["dispute_reason"], recorded_by_id=initiative.created_by_id,
                state_by_id=coordinator.id if by_coordinator and coordinator else None,
                state_by_name=None if by_coordinator else row["confirmed_by"],
                state_at=None if state is Verification.DECLARED else verified_at,
                created_at=declared_at, updated_at=declared_at)
            db.session.add(value)
            db.session.flush()
            existing.add((initiative.id, indicator.id, row["year"]))
            db.session.add(ValueEvent(value_id=value.id, action=ValueAction.DECLARED, value=value.value,
                                      actor_id=initiative.created_by_id, created_at=declared_at))
            if state is not Verification.DECLARED:
                db.session.add(ValueEvent(
                    value_id=value.id, action=ValueAction(state.value), value=value.value, created_at=verified_at,
                    actor_id=value.state_by_id, actor_name=value.state_by_name, reason=row["dispute_reason"]))


def seed_demo(password_for: Callable[[str], str] | None = None) -> list[tuple[str, str]]:
    """Create whatever demo row is missing; return (e-mail, role) of every demo account. Flushes.

    Accounts created now share DEMO_PASSWORD, or get `password_for(email)` when given (production, where the
    published password must open nothing). Accounts that exist already keep their password. Raises
    DemoDataError, before writing anything, when a demo data file is malformed.
    """
    content = load_demo_content()
    seed_reference_data()
    if password_for is None:
        # One hash for every demo account: hashing is slow on purpose, and they all share the password.
        shared_hash = hash_password(DEMO_PASSWORD)

        def password_hash(_email: str) -> str:
            return shared_hash
    else:
        def password_hash(email: str) -> str:
            return hash_password(password_for(email))
    accounts: list[tuple[str, str]] = []
    sdgs = {sdg.number: sdg for sdg in db.session.scalars(sa.select(SDG))}
    now = utcnow()

    for person in content.staff:
        _ensure_user(person["email"], person["name"], person["language"], person["role"], password_hash)
        accounts.append((person["email"], person["role"].value))

    organisations = {entry["name"]: _ensure_organisation(entry) for entry in content.organisations}
    db.session.flush()
    authors: dict[str, User] = {}  # each organisation's first active member writes its challenges
    for person in content.members:
        user = _ensure_user(person["email"], person["name"], person["language"], Role.ORGANISATION, password_hash)
        organisation = organisations[person["organisation"]]
        db.session.flush()
        if db.session.get(Membership, (user.id, organisation.id)) is None:
            db.session.add(Membership(user=user, organisation=organisation, status=person["membership"]))
        if person["membership"] is MembershipStatus.ACTIVE:
            authors.setdefault(person["organisation"], user)
        accounts.append((person["email"], f"organisation: {person['organisation']}"
                         + (" (waiting for approval)" if person["membership"] is MembershipStatus.PENDING else "")))

    publications: dict[str, list[dict]] = defaultdict(list)
    for entry in content.publications:
        publications[entry["academic"]].append(entry)
    academics: dict[str, User] = {}
    for person in content.academics:
        user = _ensure_user(person["email"], person["name"], person["language"], Role.ACADEMIC, password_hash)
        if user.academic_profile is None:
            user.academic_profile = _new_profile(person, sdgs)
        _ensure_publications(user.academic_profile, publications[person["email"]])
        academics[person["email"]] = user
        accounts.append((person["email"], f"academic: {person['department']}"))
    db.session.flush()

    for index, entry in enumerate(content.challenges):
        _ensure_challenge(entry, organisations[entry["organisation"]], authors.get(entry["organisation"]), sdgs,
                          _days_ago(now, index, 60))
    for index, entry in enumerate(content.offers):
        _ensure_offer(entry, academics[entry["academic"]], sdgs, _days_ago(now, index, 90))
    db.session.flush()
    _seed_proposals(content, organisations, now)
    _seed_initiatives(content, organisations, academics, sdgs)

    db.session.flush()
    return accounts
