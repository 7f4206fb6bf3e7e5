"""What an initiative's impact case study says, section by section, read from the register: the underpinning
research (its people's publications that share the most words with the initiative), the indicators and their
sources, and who stands behind each figure. Read only: nothing here writes."""
from dataclasses import dataclass, field
from functools import lru_cache

import sqlalchemy as sa

from matchmaker.academics.models import Publication
from matchmaker.engine.analysis import MIXED, Analyzer
from matchmaker.extensions import db
from matchmaker.impact.models import IndicatorValue, Verification
from matchmaker.initiatives.models import Initiative, InitiativePerson

# An evaluator reads a handful of references, not a bibliography.
MAX_REFERENCES = 8
# When no publication shares a word with the initiative, each person's latest ones stand in.
LATEST_PER_PERSON = 3
# When the closest publication shares this many words, those sharing a single word are left out.
MANY_SHARED_WORDS = 3


@dataclass(frozen=True)
class Reference:
    """A publication that underpins the initiative, with the words it shares with the initiative's texts."""

    publication: Publication
    author: InitiativePerson
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A corroborating source of one figure: its evidence link or document, and who confirmed it."""

    value: IndicatorValue
    confirmed: bool
    # "coordinator" or "partner" (a member of the partner organisation, or a partner from an e-mailed link)
    confirmed_by_role: str | None
    confirmed_by_name: str | None


@dataclass
class CaseStudy:
    initiative: Initiative
    people: list[InitiativePerson]
    unnamed: int
    references: list[Reference] = field(default_factory=list)
    related_by_words: bool = False  # False: the references are the people's latest publications
    values: list[IndicatorValue] = field(default_factory=list)  # every figure that is not disputed
    sources: list[Source] = field(default_factory=list)
    disputed: list[IndicatorValue] = field(default_factory=list)


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return Analyzer()


def _terms(text: str) -> dict[str, str]:
    """{stem: a word of `text` it stands for}, for the distinctive words only, stemmed in both languages (an
    Italian initiative meets the cognates of an English paper)."""
    analyzer = _analyzer()
    found: dict[str, str] = {}
    for word in analyzer.tokens(text):
        if analyzer.is_distinctive(word):
            for term in analyzer.terms(word, MIXED):
                found.setdefault(term, word)
    return found


def initiative_text(initiative: Initiative) -> str:
    return "\n".join([initiative.title, initiative.summary, initiative.description or "",
                      initiative.partner_story or ""] + [milestone.title for milestone in initiative.milestones])


def underpinning_research(initiative: Initiative, authors: list[InitiativePerson]) -> tuple[list[Reference], bool]:
    """The publications of `authors` (people with an account) that underpin the initiative: those sharing the most
    distinctive words with its texts (two at least when some share three or more), then the newest; when none shares
    a word, each author's latest. Returns the references and whether they were chosen by shared words."""
    by_user = {person.user_id: person for person in authors if person.user_id is not None}
    if not by_user:
        return [], False
    publications = list(db.session.scalars(
        sa.select(Publication).where(Publication.user_id.in_(by_user))
        .order_by(Publication.year.desc().nulls_last(), Publication.id)))
    wanted = _terms(initiative_text(initiative))
    scored = []
    for publication in publications:
        theirs = _terms(f"{publication.title}\n{publication.abstract or ''}")
        shared = tuple(sorted({wanted[term] for term in wanted.keys() & theirs.keys()}))
        scored.append((publication, shared))
    best = max((len(shared) for _p, shared in scored), default=0)
    # One word in common is often chance ("data", "school"): it is enough only when no publication shares more.
    least = 2 if best >= MANY_SHARED_WORDS else 1
    related = [(p, shared) for p, shared in scored if len(shared) >= least]
    if related:
        related.sort(key=lambda pair: (-len(pair[1]), -(pair[0].year or 0), pair[0].id))
        return [Reference(p, by_user[p.user_id], shared) for p, shared in related[:MAX_REFERENCES]], True
    latest: list[Reference] = []
    counts: dict[int, int] = {}
    for publication, _shared in scored:
        if counts.get(publication.user_id, 0) < LATEST_PER_PERSON and len(latest) < MAX_REFERENCES:
            counts[publication.user_id] = counts.get(publication.user_id, 0) + 1
            latest.append(Reference(publication, by_user[publication.user_id]))
    return latest, False


def _source(value: IndicatorValue, names_shown: bool) -> Source:
    confirmed = value.state is Verification.CONFIRMED
    role = name = None
    if confirmed:
        by_coordinator = value.state_by is not None and value.state_by.is_coordinator
        role = "coordinator" if by_coordinator else "partner"
        # The name a partner typed (or the organisation a member confirmed for) is public, as on the initiative
        # page: the confirmation form says so. An account's own name only for readers allowed to see it.
        name = value.state_by_name
        if names_shown and value.state_by is not None:
            name = value.state_by.name
    return Source(value=value, confirmed=confirmed, confirmed_by_role=role, confirmed_by_name=name)


def case_study(initiative: Initiative, people: list[InitiativePerson], unnamed: int, authors: list[InitiativePerson],
               names_shown: bool) -> CaseStudy:
    """The case study of `initiative` naming `people` only (and `unnamed` more), its research from `authors` (the
    named people whose publications the reader may see). `names_shown`: whether the reader may read who confirmed
    each figure by name (otherwise only "a coordinator" or "the partner organisation")."""
    study = CaseStudy(initiative=initiative, people=people, unnamed=unnamed)
    study.references, study.related_by_words = underpinning_research(initiative, authors)
    for value in initiative.values:
        if value.state is Verification.DISPUTED:
            study.disputed.append(value)
        else:
            study.values.append(value)
            source = _source(value, names_shown)
            if source.confirmed or value.evidence_url or value.evidence_key:
                study.sources.append(source)
    return study
