"""Flask commands for operators: create users, load the demo data, send reminders and digests, and (in development)
print e-mail links."""
import secrets

import click
from flask import Flask, current_app
from flask_babel import force_locale

from matchmaker.auth.models import Language, Role
from matchmaker.errors import DomainError
from matchmaker.extensions import db
from matchmaker.initiatives.commands import import_initiatives_command
from matchmaker.matching.commands import embed_texts_command, match_eval_command, sdg_eval_command
from matchmaker.notifications.schedule import run_schedule_command, send_digests_command, send_reminders_command
from matchmaker.sdgs.commands import load_sdgs_command, suggest_sdgs_command


def register_cli(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(reindex_command)
    app.cli.add_command(match_eval_command)
    app.cli.add_command(sdg_eval_command)
    app.cli.add_command(embed_texts_command)
    app.cli.add_command(dev_link_command)
    app.cli.add_command(import_initiatives_command)
    app.cli.add_command(load_sdgs_command)
    app.cli.add_command(suggest_sdgs_command)
    for command in (send_reminders_command, send_digests_command, run_schedule_command):
        app.cli.add_command(command)


def _fail(message: str) -> None:
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(1)


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--name", required=True)
@click.option("--role", "role_name", required=True,
              type=click.Choice([r.value for r in Role], case_sensitive=False))
@click.option("--organisation", "organisation_name", help="For members: joins it, or creates it pending verification.")
@click.option("--organisation-kind", default="other", show_default=True,
              help="Kind of a new organisation (social_enterprise, cooperative, ngo, association, school, ...).")
@click.option("--organisation-city", default="Torino", show_default=True)
@click.option("--department", "department_code", help="For academics: the department code, such as DIST.")
@click.option("--language", type=click.Choice(["it", "en"]), default="it", show_default=True)
def create_user_command(email, password, name, role_name, organisation_name, organisation_kind, organisation_city,
                        department_code, language):
    """Create a user (e-mail already verified) and print its id."""
    from matchmaker.auth import services

    role = Role(role_name.lower())
    with force_locale("en"):
        try:
            if role is Role.ORGANISATION:
                if not organisation_name:
                    _fail("--organisation is required for an organisation member.")
                user = services.register_organisation_member(
                    email=email, password=password, name=name, language=Language(language),
                    organisation_name=organisation_name, kind=organisation_kind, city=organisation_city,
                    verified=True)
            elif role is Role.ACADEMIC:
                if not department_code:
                    _fail("--department is required for an academic (for example --department DIST).")
                user = services.register_academic(
                    email=email, password=password, name=name, language=Language(language),
                    department_code=department_code, verified=True)
            else:
                user = services.create_user(email, password, name, {role}, Language(language), verified=True)
        except DomainError as error:
            details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.fields.items())
            _fail(f"{error.message} {details}".strip())
        db.session.commit()
    click.echo(user.id)


@click.command("dev-link")
@click.argument("email")
@click.option("--reset", is_flag=True, help="Print a link to choose a new password instead.")
def dev_link_command(email, reset):
    """Development only: print a fresh confirmation (or, with --reset, password) link for EMAIL.

    Without a mail server, e-mails stay in the outbox without their links; this is how a developer opens them.
    """
    from matchmaker.auth import services

    if current_app.config.get("ENVIRONMENT") == "production":
        _fail("dev-link is for development only: in production, links go to their owner by e-mail.")
    user = services.user_by_email(email)
    if user is None:
        _fail(f"No account has the address {services.normalise_email(email)}.")
    if not reset and user.email_verified:
        _fail(f"{user.email} is confirmed already; add --reset for a link to choose a new password.")
    with force_locale("en"):
        click.echo(services.reset_link(user) if reset else services.verification_link(user))


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Load the demo data even in production, with a random password for "
                                            "each new account.")
def seed_demo_command(force: bool):
    """Load the demo data (safe to run again: nothing changes the second time) and print the demo accounts."""
    from matchmaker.demo import DEMO_PASSWORD, DemoDataError, seed_demo
    from matchmaker.matching import meaning
    from matchmaker.matching import services as matching

    production = current_app.config.get("ENVIRONMENT") == "production"
    if production and not force:
        _fail("seed-demo would add demo people, an administrator among them, to this production database "
              "(MATCHMAKER_ENV=production). If you really want them, run `flask seed-demo --force`: each new "
              "account then gets its own random password, printed once.")
    # In production the password published in the README must open nothing: each new account gets its own.
    new_passwords: dict[str, str] = {}

    def random_password(email: str) -> str:
        new_passwords[email] = secrets.token_urlsafe(16)
        return new_passwords[email]

    with force_locale("en"):
        if meaning.enabled() and matching.last_full_run() is None:
            click.echo("Reading the meaning of the demo's texts (a minute or two, the first time only)…")
        try:
            accounts = seed_demo(random_password if production else None)
        except DemoDataError as error:
            _fail(f"the demo data cannot be loaded: {error}")
        db.session.commit()
        if matching.last_full_run() is None:  # so that `make run` shows suggestions at once; once only
            matching.recompute_all()
            db.session.commit()  # the embeddings' backlog runs after this commit (inline without Redis)
    if not production:
        click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, roles in accounts:
            click.echo(f"  {email:<40} {roles}")
        return
    click.echo("Demo accounts (each new one has its own password, shown only now: keep it or reset it):")
    for email, roles in accounts:
        password = new_passwords.get(email)
        shown = f"password: {password}" if password else "already there, password unchanged"
        click.echo(f"  {email:<40} {shown:<34} {roles}")


@click.command("reindex")
def reindex_command():
    """Rebuild the matching index from the database, save it, and recompute every stored suggestion."""
    import time

    from matchmaker.matching import services as matching

    started = time.perf_counter()
    with force_locale("en"):
        run = matching.recompute_all()
        db.session.commit()
    status = matching.index_status()
    click.echo(f"Indexed {status['challenges']} challenges and {status['supply']} texts of academics; "
               f"stored {run.matches} suggestions in {time.perf_counter() - started:.2f} s.")
