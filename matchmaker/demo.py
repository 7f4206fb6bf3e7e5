"""Demo data: a living platform for a newcomer to explore. Idempotent: a second run changes nothing.

People and organisations are listed here; what they wrote (profiles, publications, challenges, offers) is in
matchmaker.demo_content. A row that exists already is left as it is, even if the demo text has changed since.
"""
from collections.abc import Callable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, AcademicRole, Publication
from matchmaker.auth.models import Language, Role, User, UserRole
from matchmaker.auth.services import hash_password, user_by_email
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.demo_content import CHALLENGES, OFFERS, PROFILES
from matchmaker.extensions import db
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.orgs.services import name_key, organisation_by_name
from matchmaker.reference.models import SDG, HelpKind, Scale
from matchmaker.reference.services import department_by_code, seed_reference_data
from matchmaker.types import utcnow

DEMO_PASSWORD = "matchmaker-demo"  # noqa: S105  (printed for newcomers; demo data only)

# (name, kind, city, website, description, status, reason)
ORGANISATIONS = [
    ("Cooperativa Sociale Il Ponte", OrganisationKind.COOPERATIVE, "Torino", "https://example.org/ilponte",
     "Cooperativa sociale di tipo B che inserisce al lavoro persone svantaggiate nei quartieri di Barriera di "
     "Milano e Aurora: manutenzione del verde, riparazione di biciclette, piccola logistica.",
     OrganisationStatus.VERIFIED, None),
    ("Associazione Mirafiori Insieme", OrganisationKind.ASSOCIATION, "Torino", "https://example.org/mirafiori",
     "Associazione di volontariato che anima la casa di quartiere di Mirafiori Sud: doposcuola, orti "
     "condivisi, sportello per anziani soli.", OrganisationStatus.VERIFIED, None),
    ("Istituto Comprensivo Torino Aurora", OrganisationKind.SCHOOL, "Torino", None,
     "Scuola primaria e secondaria di primo grado con il 60% di alunni di origine straniera; cerca progetti "
     "di didattica STEM inclusiva e di educazione ambientale.", OrganisationStatus.VERIFIED, None),
    ("Città di Moncalieri – Servizi Sociali", OrganisationKind.PUBLIC_BODY, "Moncalieri", None,
     "Social services of the City of Moncalieri: housing support, energy poverty, elderly care at home.",
     OrganisationStatus.VERIFIED, None),
    ("Accessible Turin Foundation", OrganisationKind.NGO, "Torino", "https://example.org/accessible",
     "An NGO mapping architectural barriers in public buildings and transport, working with people with "
     "disabilities and their families.", OrganisationStatus.VERIFIED, None),
    ("Re-Food Impresa Sociale", OrganisationKind.SOCIAL_ENTERPRISE, "Collegno", None,
     "Impresa sociale che recupera eccedenze alimentari dai mercati rionali e le ridistribuisce a mense "
     "solidali e famiglie in difficoltà.", OrganisationStatus.PENDING, None),
    ("Laboratorio Periferie Creative", OrganisationKind.ASSOCIATION, "Settimo Torinese", None,
     "Collettivo di giovani che propone laboratori artistici nelle periferie.", OrganisationStatus.PENDING, None),
    ("Dispensa Solidale Torino Nord", OrganisationKind.ASSOCIATION, "Torino", "https://example.org/dispensa",
     "Banco alimentare di quartiere gestito da volontari: ogni settimana distribuisce pacchi a circa 320 famiglie "
     "di Falchera, Barriera di Milano e Rebaudengo.", OrganisationStatus.VERIFIED, None),
    ("Distretto Sanitario Torino Nord – Spazio Giovani", OrganisationKind.PUBLIC_BODY, "Torino", None,
     "Servizio del distretto sanitario ad accesso libero per ragazzi e ragazze tra i 14 e i 24 anni: ascolto "
     "psicologico, salute sessuale, consulenza per le famiglie.", OrganisationStatus.VERIFIED, None),
    ("Agenzia Abitare Solidale", OrganisationKind.PUBLIC_BODY, "Torino", "https://example.org/abitare",
     "Agenzia sociale per la casa: fa incontrare proprietari di alloggi sfitti e famiglie con redditi bassi, "
     "gestisce progetti di housing sociale e di abitare collaborativo.", OrganisationStatus.VERIFIED, None),
    ("Polisportiva Oltre il Limite", OrganisationKind.ASSOCIATION, "Collegno", "https://example.org/oltre",
     "Associazione sportiva dilettantistica per persone con disabilità fisica e intellettiva: basket in "
     "carrozzina, sitting volley, nuoto e avviamento allo sport per ragazzi.", OrganisationStatus.VERIFIED, None),
    ("Comune di Settimo Torinese – Ufficio Ambiente", OrganisationKind.PUBLIC_BODY, "Settimo Torinese", None,
     "Ufficio Ambiente del Comune: verde pubblico, rifiuti ed economia circolare, adattamento ai cambiamenti "
     "climatici.", OrganisationStatus.VERIFIED, None),
    ("Istituto di Istruzione Superiore Valsusa Nord", OrganisationKind.SCHOOL, "Bussoleno", None,
     "Istituto superiore della bassa Val di Susa con liceo scientifico e istituto tecnico per costruzioni, "
     "ambiente e territorio; 700 studenti da tutta la valle.", OrganisationStatus.VERIFIED, None),
    ("Cooperativa Sociale Mani Intrecciate", OrganisationKind.COOPERATIVE, "Torino", "https://example.org/mani",
     "Laboratorio di sartoria a Porta Palazzo dove lavorano donne migranti: borse e abiti da tessuti di "
     "recupero, corsi di cucito e di italiano.", OrganisationStatus.VERIFIED, None),
    ("Repair Café San Salvario", OrganisationKind.ASSOCIATION, "Torino", None,
     "Volontari che una domenica al mese riparano gratuitamente oggetti di uso quotidiano insieme ai loro "
     "proprietari, alla casa del quartiere di San Salvario.", OrganisationStatus.VERIFIED, None),
    ("Open Doors Turin", OrganisationKind.NGO, "Torino", "https://example.org/opendoors",
     "An NGO supporting refugees and asylum seekers in Turin after reception: housing, work, language and "
     "access to public services.", OrganisationStatus.VERIFIED, None),
    ("Associazione Montagna Viva Pinerolese", OrganisationKind.ASSOCIATION, "Pinerolo", None,
     "Volontari che accompagnano gli anziani delle borgate di montagna del Pinerolese: trasporti, spesa, "
     "visite mediche, compagnia.", OrganisationStatus.VERIFIED, None),
    ("Associazione Canavese Bene Comune", OrganisationKind.ASSOCIATION, "Ivrea", None,
     "Rete di cittadini del Canavese che promuove progetti di mobilità, cultura e servizi nelle frazioni e "
     "nei piccoli comuni attorno a Ivrea.", OrganisationStatus.VERIFIED, None),
    ("Torino Urban Farming Collective", OrganisationKind.ASSOCIATION, "Torino", "https://example.org/urbanfarming",
     "An international collective of residents growing food in vacant lots and courtyards of Aurora and "
     "Barriera di Milano, with a small plant nursery.", OrganisationStatus.VERIFIED, None),
]

# (email, name, language, organisation, membership status)
MEMBERS = [
    ("giulia.ferrero@ilponte.example.org", "Giulia Ferrero", Language.IT, "Cooperativa Sociale Il Ponte",
     MembershipStatus.ACTIVE),
    ("marco.bianco@mirafiori.example.org", "Marco Bianco", Language.IT, "Associazione Mirafiori Insieme",
     MembershipStatus.ACTIVE),
    ("anna.rossi@icaurora.example.org", "Anna Rossi", Language.IT, "Istituto Comprensivo Torino Aurora",
     MembershipStatus.ACTIVE),
    ("l.conti@moncalieri.example.org", "Luca Conti", Language.IT, "Città di Moncalieri – Servizi Sociali",
     MembershipStatus.ACTIVE),
    ("sarah.owens@accessible.example.org", "Sarah Owens", Language.EN, "Accessible Turin Foundation",
     MembershipStatus.ACTIVE),
    ("paolo.gallo@refood.example.org", "Paolo Gallo", Language.IT, "Re-Food Impresa Sociale",
     MembershipStatus.ACTIVE),
    ("chiara.neri@periferie.example.org", "Chiara Neri", Language.IT, "Laboratorio Periferie Creative",
     MembershipStatus.ACTIVE),
    ("davide.russo@ilponte.example.org", "Davide Russo", Language.IT, "Cooperativa Sociale Il Ponte",
     MembershipStatus.PENDING),
    ("elisa.marino@dispensa.example.org", "Elisa Marino", Language.IT, "Dispensa Solidale Torino Nord",
     MembershipStatus.ACTIVE),
    ("federica.deluca@spaziogiovani.example.org", "Federica De Luca", Language.IT,
     "Distretto Sanitario Torino Nord – Spazio Giovani", MembershipStatus.ACTIVE),
    ("stefano.villa@abitare.example.org", "Stefano Villa", Language.IT, "Agenzia Abitare Solidale",
     MembershipStatus.ACTIVE),
    ("matteo.serra@oltreillimite.example.org", "Matteo Serra", Language.IT, "Polisportiva Oltre il Limite",
     MembershipStatus.ACTIVE),
    ("g.bruno@settimo.example.org", "Giorgio Bruno", Language.IT, "Comune di Settimo Torinese – Ufficio Ambiente",
     MembershipStatus.ACTIVE),
    ("ilaria.gili@iisvalsusa.example.org", "Ilaria Gili", Language.IT, "Istituto di Istruzione Superiore Valsusa Nord",
     MembershipStatus.ACTIVE),
    ("amina.benali@maniintrecciate.example.org", "Amina Benali", Language.IT, "Cooperativa Sociale Mani Intrecciate",
     MembershipStatus.ACTIVE),
    ("tommaso.rinaldi@repaircafe.example.org", "Tommaso Rinaldi", Language.IT, "Repair Café San Salvario",
     MembershipStatus.ACTIVE),
    ("hannah.kowalski@opendoors.example.org", "Hannah Kowalski", Language.EN, "Open Doors Turin",
     MembershipStatus.ACTIVE),
    ("renato.peyrot@montagnaviva.example.org", "Renato Peyrot", Language.IT, "Associazione Montagna Viva Pinerolese",
     MembershipStatus.ACTIVE),
    ("sergio.actis@canavese.example.org", "Sergio Actis", Language.IT, "Associazione Canavese Bene Comune",
     MembershipStatus.ACTIVE),
    ("lucas.moreau@urbanfarming.example.org", "Lucas Moreau", Language.EN, "Torino Urban Farming Collective",
     MembershipStatus.ACTIVE),
]

# (email, name, language, department code)
ACADEMICS = [
    ("elena.martini@polito.it", "Elena Martini", Language.IT, "DIST"),
    ("francesco.ricci@polito.it", "Francesco Ricci", Language.IT, "DENERG"),
    ("sofia.greco@polito.it", "Sofia Greco", Language.IT, "DAUIN"),
    ("james.walker@polito.it", "James Walker", Language.EN, "DAD"),
    ("valentina.costa@polito.it", "Valentina Costa", Language.IT, "DIGEP"),
    ("alessandro.fontana@polito.it", "Alessandro Fontana", Language.IT, "DIATI"),
    ("laura.moretti@polito.it", "Laura Moretti", Language.IT, "DISEG"),
    ("mei.chen@polito.it", "Mei Chen", Language.EN, "DISMA"),
    ("roberto.ferraris@polito.it", "Roberto Ferraris", Language.IT, "DET"),
    ("chiara.bellini@polito.it", "Chiara Bellini", Language.IT, "DIMEAS"),
    ("daniele.sacco@polito.it", "Daniele Sacco", Language.IT, "DISAT"),
    ("priya.nair@polito.it", "Priya Nair", Language.EN, "DAUIN"),
    ("giovanna.pautasso@polito.it", "Giovanna Pautasso", Language.IT, "DIST"),
    ("andrea.perino@polito.it", "Andrea Perino", Language.IT, "DENERG"),
    ("nora.hansen@polito.it", "Nora Hansen", Language.EN, "DIATI"),
    ("carlo.audisio@polito.it", "Carlo Audisio", Language.IT, "DIGEP"),
    ("beatrice.longo@polito.it", "Beatrice Longo", Language.IT, "DAD"),
    ("samuel.okafor@polito.it", "Samuel Okafor", Language.EN, "DET"),
]

# (email, name, language, role)
STAFF = [
    ("coordinatore@polito.it", "Roberta Lanza", Language.IT, Role.COORDINATOR),
    ("coordinator.en@polito.it", "Thomas Berger", Language.EN, Role.COORDINATOR),
    ("admin@polito.it", "Amministrazione matchmaker", Language.IT, Role.ADMIN),
]


def _ensure_user(email: str, name: str, language: Language, role: Role,
                 password_hash_for: Callable[[str], str]) -> User:
    user = user_by_email(email)
    if user is None:
        user = User(email=email, name=name, preferred_language=language, password_hash=password_hash_for(email),
                    email_verified_at=utcnow(), role_rows=[UserRole(role=role)])
        db.session.add(user)
    return user


def _ensure_organisation(name, kind, city, website, description, status, reason) -> Organisation:
    organisation = organisation_by_name(name)
    if organisation is None:
        organisation = Organisation(name=name, name_key=name_key(name), kind=kind, city=city, website=website,
                                    description=description, status=status, status_reason=reason,
                                    status_changed_at=utcnow() if status is not OrganisationStatus.PENDING else None)
        db.session.add(organisation)
    return organisation


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _days_ago(now: datetime, index: int, spread: int) -> datetime:
    """A moment in the past few weeks, different for each item, so listings by date look natural."""
    return now - timedelta(days=1 + (index * 7) % spread, hours=(index * 5) % 24, minutes=(index * 13) % 60)


def _new_profile(department_code: str, content: dict | None, sdgs: dict[int, SDG]) -> AcademicProfile:
    profile = AcademicProfile(department=department_by_code(department_code))
    if content:
        profile.academic_role = AcademicRole(content["academic_role"])
        profile.biography = content["biography"]
        profile.expertise = list(content["expertise"])
        profile.languages = list(content["languages"])
        profile.capacity_per_semester = content["capacity_per_semester"]
        profile.available = content["available"]
        profile.directory_opt_in = content["directory_opt_in"]
        profile.suggest_to_organisations = content.get("suggest_to_organisations", True)
        profile.sdgs = [sdgs[number] for number in content["sdgs"]]
    return profile


def _ensure_publications(profile: AcademicProfile, publications) -> None:
    """Add the publications the profile lacks, recognised by title."""
    titles = {publication.title for publication in profile.publications}
    for title, year, venue, abstract in publications:
        if title not in titles:
            profile.publications.append(Publication(title=title, year=year, venue=venue, abstract=abstract))


def _ensure_challenge(item: dict, organisation: Organisation, author: User | None, sdgs: dict[int, SDG],
                      published_at: datetime) -> None:
    exists = db.session.scalar(sa.select(Challenge.id).where(Challenge.organisation_id == organisation.id,
                                                             Challenge.title == item["title"]))
    if exists is not None:
        return
    status = ChallengeStatus(item["status"])
    created_at = published_at - timedelta(days=3)
    db.session.add(Challenge(
        organisation=organisation, created_by_id=author.id if author else None, title=item["title"],
        summary=item["summary"], description=item["description"], keywords=list(item["keywords"]),
        kind=HelpKind(item["kind"]), place=item["place"], scale=Scale(item["scale"]), resources=item["resources"],
        deadline=_day(item["deadline"]), visibility=Visibility(item["visibility"]), status=status,
        sdgs=[sdgs[number] for number in item["sdgs"]], created_at=created_at,
        updated_at=created_at if status is ChallengeStatus.DRAFT else published_at,
        published_at=None if status is ChallengeStatus.DRAFT else published_at))


def _ensure_offer(item: dict, academic: User, sdgs: dict[int, SDG], created_at: datetime) -> None:
    exists = db.session.scalar(sa.select(Offer.id).where(Offer.academic_id == academic.id,
                                                         Offer.title == item["title"]))
    if exists is not None:
        return
    db.session.add(Offer(
        academic=academic, title=item["title"], description=item["description"], kind=HelpKind(item["kind"]),
        keywords=list(item["keywords"]), capacity=item["capacity"], available_from=_day(item["available_from"]),
        available_until=_day(item["available_until"]), status=OfferStatus(item["status"]),
        sdgs=[sdgs[number] for number in item["sdgs"]], created_at=created_at, updated_at=created_at))


def seed_demo(password_for: Callable[[str], str] | None = None) -> list[tuple[str, str]]:
    """Create whatever demo row is missing; return (e-mail, role) of every demo account. Flushes.

    Accounts created now share DEMO_PASSWORD, or get `password_for(email)` when given (production, where the
    published password must open nothing). Accounts that exist already keep their password.
    """
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

    for email, name, language, role in STAFF:
        _ensure_user(email, name, language, role, password_hash)
        accounts.append((email, role.value))

    organisations = {row[0]: _ensure_organisation(*row) for row in ORGANISATIONS}
    db.session.flush()
    authors: dict[str, User] = {}  # each organisation's first active member writes its challenges
    for email, name, language, organisation_name, membership_status in MEMBERS:
        user = _ensure_user(email, name, language, Role.ORGANISATION, password_hash)
        organisation = organisations[organisation_name]
        db.session.flush()
        exists = db.session.get(Membership, (user.id, organisation.id))
        if exists is None:
            db.session.add(Membership(user=user, organisation=organisation, status=membership_status))
        if membership_status is MembershipStatus.ACTIVE:
            authors.setdefault(organisation_name, user)
        accounts.append((email, f"organisation: {organisation_name}"
                         + (" (waiting for approval)" if membership_status is MembershipStatus.PENDING else "")))

    academics: dict[str, User] = {}
    for email, name, language, department_code in ACADEMICS:
        user = _ensure_user(email, name, language, Role.ACADEMIC, password_hash)
        content = PROFILES.get(email)
        if user.academic_profile is None:
            user.academic_profile = _new_profile(department_code, content, sdgs)
        if content:
            _ensure_publications(user.academic_profile, content.get("publications", []))
        academics[email] = user
        accounts.append((email, f"academic: {department_code}"))
    db.session.flush()

    for index, item in enumerate(CHALLENGES):
        _ensure_challenge(item, organisations[item["organisation"]], authors.get(item["organisation"]), sdgs,
                          _days_ago(now, index, 60))
    for index, item in enumerate(OFFERS):
        _ensure_offer(item, academics[item["academic"]], sdgs, _days_ago(now, index, 90))

    db.session.flush()
    return accounts
