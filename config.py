"""Settings for each environment, read from environment variables; no secret lives in the repository."""
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("MATCHMAKER_INSTANCE_DIR", BASE_DIR / "instance"))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL", default)
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _env_list(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return [item.strip().lower() for item in value.split(",") if item.strip()]


def _public_url(value: str) -> str:
    """The public address without its trailing slash; refused unless it is an http(s) URL with a host."""
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise RuntimeError(f"PUBLIC_URL must look like https://matchmaker.example.org, not {value!r}.")
    return value.strip().rstrip("/")


def _trusted_hosts(public_url: str, local: bool) -> list[str]:
    """TRUSTED_HOSTS when set, otherwise the public address's host (plus this machine's names when `local`)."""
    configured = _env_list("TRUSTED_HOSTS")
    if configured is not None:
        return configured
    hosts = [urlsplit(public_url).hostname]
    if local:
        hosts += [host for host in ("localhost", "127.0.0.1") if host not in hosts]
    return hosts


def _development_secret_key() -> str:
    """A random key kept in instance/ so that sessions survive restarts on a developer's machine."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    """Settings shared by every environment."""

    ENVIRONMENT = "development"  # the name MATCHMAKER_ENV chose, for commands that behave differently in production
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Sessions and cookies
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Strict-Transport-Security max-age in seconds; 0 sends no header (a developer's http://localhost).
    HSTS_SECONDS = 0

    # Forms and CSRF: tokens live as long as the session, so a slow form is not lost.
    WTF_CSRF_TIME_LIMIT = None

    # Request size: a larger body is answered 413 as soon as its declared length is known, before it is read.
    # 4 MiB holds a BibTeX export of about two thousand entries with abstracts (one import takes 500).
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 4 * 1024 * 1024))
    # Text fields of a form together (the longest field allows 10 000 characters), and how many fields.
    MAX_FORM_MEMORY_SIZE = 500_000
    MAX_FORM_PARTS = 1000

    # Languages
    LANGUAGES = ("it", "en")
    BABEL_DEFAULT_LOCALE = "it"
    BABEL_DEFAULT_TIMEZONE = "Europe/Rome"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "matchmaker" / "translations")

    # Static assets are served by the app itself: nothing from a CDN.
    BOOTSTRAP_SERVE_LOCAL = True

    # Accounts
    ACADEMIC_EMAIL_DOMAINS = tuple(
        d.strip().lower() for d in os.environ.get("ACADEMIC_EMAIL_DOMAINS", "polito.it").split(",") if d.strip()
    )
    EMAIL_VERIFICATION_MAX_AGE = int(os.environ.get("EMAIL_VERIFICATION_MAX_AGE", 3 * 24 * 3600))
    PASSWORD_RESET_MAX_AGE = int(os.environ.get("PASSWORD_RESET_MAX_AGE", 3600))
    EMAIL_CHANGE_MAX_AGE = int(os.environ.get("EMAIL_CHANGE_MAX_AGE", 24 * 3600))
    # Sign-in budgets, shared by the sign-in form and POST /api/v1/tokens; only failed attempts use them up.
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # per client address
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "5 per minute;20 per hour")  # per e-mail
    VERIFICATION_RESEND_LIMIT = os.environ.get("VERIFICATION_RESEND_LIMIT", "3 per hour")  # per account
    EMAIL_CHANGE_LIMIT = os.environ.get("EMAIL_CHANGE_LIMIT", "3 per hour;10 per day")  # links sent, per account
    # Personal access tokens: default lifetime in days (0 = they never expire) and how many one person may hold.
    API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", 90))
    API_TOKEN_LIMIT = int(os.environ.get("API_TOKEN_LIMIT", 10))

    # How many reverse proxies in front of the app add X-Forwarded-For/-Proto; 0 means those headers are ignored.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))

    # Rate limiting storage: Redis when configured, so every worker shares the counts.
    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "matchmaker")

    # E-mail: SMTP when MAIL_SERVER is set; otherwise the outbox page only, with secret links removed.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "PoliTO for Society <noreply@polito.it>")
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")

    # Documents shared on proposals: kept outside the database, under random names, each at most this large.
    PROPOSAL_DOCUMENTS_DIR = os.environ.get("PROPOSAL_DOCUMENTS_DIR", str(INSTANCE_DIR / "documents"))
    PROPOSAL_DOCUMENT_MAX_BYTES = int(os.environ.get("PROPOSAL_DOCUMENT_MAX_BYTES", 2 * 1024 * 1024))
    # Pictures of initiatives, kept the same way.
    INITIATIVE_IMAGES_DIR = os.environ.get("INITIATIVE_IMAGES_DIR", str(INSTANCE_DIR / "initiative-images"))
    INITIATIVE_IMAGE_MAX_BYTES = int(os.environ.get("INITIATIVE_IMAGE_MAX_BYTES", 2 * 1024 * 1024))
    # Evidence documents of impact values, kept the same way; a partner's confirmation link works this many days.
    IMPACT_EVIDENCE_DIR = os.environ.get("IMPACT_EVIDENCE_DIR", str(INSTANCE_DIR / "impact-evidence"))
    IMPACT_EVIDENCE_MAX_BYTES = int(os.environ.get("IMPACT_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024))
    IMPACT_CONFIRMATION_DAYS = int(os.environ.get("IMPACT_CONFIRMATION_DAYS", 14))
    # A proposal waiting this long for someone's answer reminds them; twice as long (by default) it is stalled.
    REMINDER_AFTER_DAYS = int(os.environ.get("REMINDER_AFTER_DAYS", 7))
    STALLED_AFTER_DAYS = int(os.environ.get("STALLED_AFTER_DAYS", 14))
    SCHEDULE_EVERY_MINUTES = int(os.environ.get("SCHEDULE_EVERY_MINUTES", 60))  # the queue's round of both

    # Matching by meaning beside the words (sentence embeddings, matchmaker/engine/semantic.py): on wherever its
    # package is installed; SEMANTIC_MATCHING=off keeps the platform on words alone.
    SEMANTIC_MATCHING = _env_bool("SEMANTIC_MATCHING", True)
    SEMANTIC_BATCH = int(os.environ.get("SEMANTIC_BATCH", 16))  # texts a backfill job embeds before it commits

    # Importing initiatives from a spreadsheet: the file waits for its second step (import) in this folder, under a
    # random key, for at most a day; a file of more rows than IMPORT_INLINE_ROWS runs as a background job.
    IMPORT_UPLOADS_DIR = os.environ.get("IMPORT_UPLOADS_DIR", str(INSTANCE_DIR / "import-uploads"))
    IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024))
    IMPORT_INLINE_ROWS = int(os.environ.get("IMPORT_INLINE_ROWS", 300))

    # Open data: the licence of every file, and who holds the rights (DCAT-AP_IT's rights holder; its IPA code,
    # the Italian public-administration index, is optional and prefixes the datasets' identifiers when set).
    OPEN_DATA_LICENCE_NAME = os.environ.get("OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
    OPEN_DATA_LICENCE_URL = os.environ.get("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
    OPEN_DATA_PUBLISHER = os.environ.get("OPEN_DATA_PUBLISHER", "Politecnico di Torino")
    OPEN_DATA_PUBLISHER_IPA = os.environ.get("OPEN_DATA_PUBLISHER_IPA", "")


class DevelopmentConfig(Config):
    """A developer's machine: SQLite in instance/, a generated secret key kept in instance/."""

    ENVIRONMENT = "development"
    DEBUG = False

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()
        # Every link in every e-mail starts with this address; the request's Host header never enters a link.
        local_address = f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"
        self.PUBLIC_URL = _public_url(os.environ.get("PUBLIC_URL") or local_address)
        self.TRUSTED_HOSTS = _trusted_hosts(self.PUBLIC_URL, local=True)
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        self.SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'matchmaker.db'}")


class TestingConfig(Config):
    """The test suite: a throwaway key, the database given by the fixtures, fast password hashing."""

    ENVIRONMENT = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-secret-key"  # noqa: S105  (tests only)
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105
    MAIL_SERVER = None
    PUBLIC_URL = "http://localhost"
    TRUSTED_HOSTS = ["localhost", "127.0.0.1"]
    PROPOSAL_DOCUMENTS_DIR = str(Path(tempfile.gettempdir()) / "matchmaker-test-documents")
    # Embedding a text takes a quarter of a second: only the tests of meaning turn it on (tests/conftest.py).
    SEMANTIC_MATCHING = False
    INITIATIVE_IMAGES_DIR = str(Path(tempfile.gettempdir()) / "matchmaker-test-initiative-images")
    IMPORT_UPLOADS_DIR = str(Path(tempfile.gettempdir()) / "matchmaker-test-import-uploads")
    IMPACT_EVIDENCE_DIR = str(Path(tempfile.gettempdir()) / "matchmaker-test-impact-evidence")


class ProductionConfig(Config):
    """A real deployment: refuses to start without SECRET_KEY and PUBLIC_URL."""

    ENVIRONMENT = "production"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"
    # Browsers that once reached the site over HTTPS never try plain HTTP again for a year.
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600))

    def __init__(self) -> None:
        secret = os.environ.get("SECRET_KEY")
        if not secret:
            raise RuntimeError("SECRET_KEY must be set in production (MATCHMAKER_ENV=production).")
        self.SECRET_KEY = secret
        # No silent SQLite file: a deployment that forgot DATABASE_URL would keep its data where nobody backs it up.
        if not os.environ.get("DATABASE_URL", "").strip():
            raise RuntimeError("DATABASE_URL must be set in production (MATCHMAKER_ENV=production), "
                               "for example postgresql://user:password@host/matchmaker.")
        public_url = os.environ.get("PUBLIC_URL")
        if not public_url:
            raise RuntimeError("PUBLIC_URL must be set in production (MATCHMAKER_ENV=production): "
                               "the address people open, such as https://matchmaker.example.org.")
        self.PUBLIC_URL = _public_url(public_url)
        self.TRUSTED_HOSTS = _trusted_hosts(self.PUBLIC_URL, local=False)
        self.SQLALCHEMY_DATABASE_URI = _database_url("")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None = None):
    """The settings object for `name`, or for MATCHMAKER_ENV (development when unset)."""
    name = name or os.environ.get("MATCHMAKER_ENV", "development")
    try:
        config_class = CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"Unknown MATCHMAKER_ENV {name!r}; use one of {', '.join(CONFIGS)}.") from None
    return config_class()
