"""Demo data: a living platform for a newcomer to explore. Idempotent: a second run changes nothing."""
from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import Language, Role, User, UserRole
from matchmaker.auth.services import hash_password, user_by_email
from matchmaker.extensions import db
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.orgs.services import name_key, organisation_by_name
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
]

# (email, name, language, role)
STAFF = [
    ("coordinatore@polito.it", "Roberta Lanza", Language.IT, Role.COORDINATOR),
    ("coordinator.en@polito.it", "Thomas Berger", Language.EN, Role.COORDINATOR),
    ("admin@polito.it", "Amministrazione matchmaker", Language.IT, Role.ADMIN),
]


def _ensure_user(email: str, name: str, language: Language, role: Role, password_hash: str) -> User:
    user = user_by_email(email)
    if user is None:
        user = User(email=email, name=name, preferred_language=language, password_hash=password_hash,
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


def seed_demo() -> list[tuple[str, str]]:
    """Create whatever demo row is missing; return (e-mail, role) of every demo account. Flushes."""
    seed_reference_data()
    # One hash for every demo account: hashing is slow on purpose, and they all share the password.
    password_hash = hash_password(DEMO_PASSWORD)
    accounts: list[tuple[str, str]] = []

    for email, name, language, role in STAFF:
        _ensure_user(email, name, language, role, password_hash)
        accounts.append((email, role.value))

    organisations = {row[0]: _ensure_organisation(*row) for row in ORGANISATIONS}
    db.session.flush()
    for email, name, language, organisation_name, membership_status in MEMBERS:
        user = _ensure_user(email, name, language, Role.ORGANISATION, password_hash)
        organisation = organisations[organisation_name]
        db.session.flush()
        exists = db.session.get(Membership, (user.id, organisation.id))
        if exists is None:
            db.session.add(Membership(user=user, organisation=organisation, status=membership_status))
        accounts.append((email, f"organisation: {organisation_name}"
                         + (" (waiting for approval)" if membership_status is MembershipStatus.PENDING else "")))

    for email, name, language, department_code in ACADEMICS:
        user = _ensure_user(email, name, language, Role.ACADEMIC, password_hash)
        if user.academic_profile is None:
            user.academic_profile = AcademicProfile(department=department_by_code(department_code))
        accounts.append((email, f"academic: {department_code}"))

    db.session.flush()
    return accounts

