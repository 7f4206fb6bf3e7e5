"""matchmaker: the platform of PoliTO for Society. `create_app()` builds the Flask application."""
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the package stays free of Flask, so the pure engine can be used alone
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, **overrides) -> "Flask":
    """Configure, initialise extensions, register blueprints, event subscribers, CLI commands and error handlers."""
    from flask import Flask

    from config import INSTANCE_DIR, load_config

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(load_config(config_name))
    app.config.update(overrides)

    register_proxies(app)
    register_extensions(app)
    register_input_guards(app)
    register_blueprints(app)
    register_subscribers(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def register_proxies(app: "Flask") -> None:
    """Believe X-Forwarded-For/-Proto only from the TRUSTED_PROXIES nearest hops; with none, nobody can forge them.

    X-Forwarded-Host is never believed: links are built from PUBLIC_URL, and the Host header is checked
    against TRUSTED_HOSTS.
    """
    from werkzeug.middleware.proxy_fix import ProxyFix

    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0, x_prefix=0)


def register_extensions(app: "Flask") -> None:
    from matchmaker import models  # noqa: F401  (every model known to SQLAlchemy and Alembic)
    from matchmaker.auth.login import configure_login
    from matchmaker.auth.throttle import init_attempt_budgets
    from matchmaker.extensions import babel, bootstrap, csrf, db, limiter, migrate
    from matchmaker.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    init_attempt_budgets(app)
    configure_login(app)


def register_input_guards(app: "Flask") -> None:
    # Before the blueprints: their routes take the bounded `int` converter when they are added.
    from matchmaker.hostile_input import install_input_guards

    install_input_guards(app)


def register_blueprints(app: "Flask") -> None:
    from matchmaker.academics.views import blueprint as academics
    from matchmaker.api.views import blueprint as api
    from matchmaker.auth.views import blueprint as auth
    from matchmaker.casestudies.views import blueprint as casestudies
    from matchmaker.challenges.views import blueprint as challenges
    from matchmaker.coordination.views import blueprint as coordination
    from matchmaker.dashboards.views import blueprint as dashboards
    from matchmaker.impact.dashboard import blueprint as impact_dashboard
    from matchmaker.impact.views import blueprint as impact_values
    from matchmaker.initiatives.import_views import blueprint as initiative_import
    from matchmaker.initiatives.views import blueprint as initiatives
    from matchmaker.main.views import blueprint as main
    from matchmaker.matching.views import blueprint as matching
    from matchmaker.notifications.views import blueprint as notifications
    from matchmaker.offers.views import blueprint as offers
    from matchmaker.opendata.views import blueprint as opendata
    from matchmaker.sdgs.views import blueprint as sdgs
    from matchmaker.sdgs.views import review_blueprint as sdg_review
    from matchmaker.workflow.views import blueprint as workflow

    for blueprint in (main, auth, challenges, offers, academics, coordination, matching, workflow, dashboards,
                      notifications, initiatives, impact_values, opendata, api, impact_dashboard, sdgs,
                      sdg_review):
        app.register_blueprint(blueprint)
    app.register_blueprint(initiative_import)
    app.register_blueprint(casestudies)


def register_subscribers(app: "Flask") -> None:
    """Who reacts to what, once the transaction that made it true has committed: the one list of subscriptions."""
    from matchmaker import events
    from matchmaker.challenges import subscribers as challenges
    from matchmaker.initiatives import subscribers as initiatives
    from matchmaker.matching import subscribers as matching
    from matchmaker.notifications import proposals as notifications
    from matchmaker.sdgs import subscribers as sdgs

    for event_type, subscriber in (
        (events.ChallengeChanged, matching.challenge_changed),
        (events.OfferChanged, matching.offer_changed),
        (events.ProfileChanged, matching.profile_changed),
        (events.AcademicJoined, matching.academic_joined),
        (events.OrganisationStatusChanged, matching.organisation_status_changed),
        (events.ProposalMoved, challenges.proposal_moved),
        (events.ProposalMoved, matching.proposal_moved),
        (events.ProposalMoved, initiatives.proposal_moved),
        (events.ProposalStarted, notifications.proposal_started),
        (events.ProposalMoved, notifications.proposal_moved),
        (events.ProposalMessagePosted, notifications.proposal_message_posted),
        (events.ChallengeChanged, sdgs.challenge_changed),
        (events.OfferChanged, sdgs.offer_changed),
        (events.ProfileChanged, sdgs.profile_changed),
    ):
        events.subscribe(app, event_type, subscriber)


def register_request_hooks(app: "Flask") -> None:
    from matchmaker.security import add_security_headers, refuse_oversized_requests

    # First of the hooks: CSRF reads the body, and must read it within the limit of the request's endpoint.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_oversized_requests)
    app.after_request(add_security_headers)


def register_template_helpers(app: "Flask") -> None:
    from matchmaker.templating import install_template_helpers

    install_template_helpers(app)


def register_error_handlers(app: "Flask") -> None:
    from matchmaker.errors import register_error_handlers as register

    register(app)


def register_commands(app: "Flask") -> None:
    from matchmaker.cli import register_cli

    register_cli(app)
