"""What an operator can do from the command line: create users, load the demo data."""
import json
import re

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Role, User
from matchmaker.extensions import db
from matchmaker.orgs.models import MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.orgs.services import organisation_by_name

PASSWORD = "a long enough password"


def committed_rows() -> dict[str, list[tuple]]:
    """Every committed row of every table, read on a connection of its own, sorted for comparison."""
    with db.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(sa.select(table))), key=repr)
            for table in db.metadata.sorted_tables
        }


def committed_counts() -> dict[str, int]:
    return {name: len(rows) for name, rows in committed_rows().items()}


def create_user(runner, *args: str):
    return runner.invoke(args=["create-user", *args])


def user_named(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


# --- create-user -------------------------------------------------------------------------------------

def test_operator_can_create_a_coordinator_who_can_sign_in(runner, client):
    result = create_user(runner, "--email", "Lanza@Polito.it", "--password", PASSWORD,
                         "--name", "Roberta Lanza", "--role", "coordinator")
    assert result.exit_code == 0, result.output
    user = user_named("lanza@polito.it")
    assert user is not None
    assert result.stdout.strip() == str(user.id)
    assert user.roles == {Role.COORDINATOR}
    assert user.name == "Roberta Lanza"
    assert user.email_verified
    response = client.post("/api/v1/tokens", json={"email": "lanza@polito.it", "password": PASSWORD})
    assert response.status_code == 201


def test_operator_can_create_an_admin(runner):
    result = create_user(runner, "--email", "ops@polito.it", "--password", PASSWORD,
                         "--name", "Ops", "--role", "ADMIN")
    assert result.exit_code == 0, result.output
    assert user_named("ops@polito.it").roles == {Role.ADMIN}


def test_operator_can_create_a_member_of_a_new_organisation_which_waits_for_verification(runner):
    result = create_user(runner, "--email", "giulia@ilponte.example.org", "--password", PASSWORD,
                         "--name", "Giulia Ferrero", "--role", "organisation",
                         "--organisation", "Cooperativa Il Ponte", "--organisation-kind", "cooperative")
    assert result.exit_code == 0, result.output
    user = user_named("giulia@ilponte.example.org")
    assert result.stdout.strip() == str(user.id)
    organisation = organisation_by_name("Cooperativa Il Ponte")
    assert organisation.status is OrganisationStatus.PENDING
    assert organisation.kind is OrganisationKind.COOPERATIVE
    [membership] = user.memberships
    assert membership.organisation_id == organisation.id
    assert membership.status is MembershipStatus.ACTIVE


def test_operator_can_add_a_member_to_an_existing_organisation_who_waits_for_approval(runner, make):
    existing = make.organisation(name="Associazione Mirafiori Insieme", status=OrganisationStatus.VERIFIED)
    result = create_user(runner, "--email", "marco@mirafiori.example.org", "--password", PASSWORD,
                         "--name", "Marco Bianco", "--role", "organisation",
                         "--organisation", "associazione mirafiori insieme")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1
    [membership] = user_named("marco@mirafiori.example.org").memberships
    assert membership.organisation_id == existing.id
    assert membership.status is MembershipStatus.PENDING


def test_operator_can_create_an_academic_in_a_department(runner):
    result = create_user(runner, "--email", "elena.martini@polito.it", "--password", PASSWORD,
                         "--name", "Elena Martini", "--role", "academic", "--department", "dist")
    assert result.exit_code == 0, result.output
    user = user_named("elena.martini@polito.it")
    assert user.roles == {Role.ACADEMIC}
    assert user.academic_profile.department.code == "DIST"


def test_operator_cannot_create_a_second_account_with_the_same_email(runner, make):
    make.user(email="taken@example.org", verified=True)
    before = committed_rows()
    result = create_user(runner, "--email", "TAKEN@example.org", "--password", PASSWORD,
                         "--name", "Someone Else", "--role", "coordinator")
    assert result.exit_code == 1
    assert "Error:" in result.stderr
    assert "already exists" in result.stderr
    assert result.stdout == ""
    assert committed_rows() == before


def test_duplicate_email_leaves_no_new_organisation_behind(runner, make):
    make.user(email="taken@example.org", verified=True)
    before = committed_rows()
    result = create_user(runner, "--email", "taken@example.org", "--password", PASSWORD,
                         "--name", "Someone Else", "--role", "organisation", "--organisation", "Brand New Org")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert committed_rows() == before
    assert organisation_by_name("Brand New Org") is None


def test_operator_cannot_use_an_unknown_role(runner):
    before = committed_counts()
    result = create_user(runner, "--email", "x@polito.it", "--password", PASSWORD,
                         "--name", "X", "--role", "superuser")
    assert result.exit_code != 0
    assert "--role" in result.output
    assert "superuser" in result.output
    assert committed_counts() == before


def test_operator_cannot_create_an_academic_without_a_department(runner):
    before = committed_counts()
    result = create_user(runner, "--email", "sofia.greco@polito.it", "--password", PASSWORD,
                         "--name", "Sofia Greco", "--role", "academic")
    assert result.exit_code == 1
    assert "--department" in result.stderr
    assert committed_counts() == before


def test_operator_cannot_create_an_academic_in_an_unknown_department(runner):
    before = committed_counts()
    result = create_user(runner, "--email", "sofia.greco@polito.it", "--password", PASSWORD,
                         "--name", "Sofia Greco", "--role", "academic", "--department", "NOPE")
    assert result.exit_code == 1
    assert "department" in result.stderr
    assert committed_counts() == before


def test_operator_cannot_create_an_academic_without_a_university_email(runner):
    before = committed_rows()
    result = create_user(runner, "--email", "sofia.greco@gmail.com", "--password", PASSWORD,
                         "--name", "Sofia Greco", "--role", "academic", "--department", "DAUIN")
    assert result.exit_code == 1
    assert "polito.it" in result.stderr
    # The user row was flushed before the e-mail was refused: it must not survive.
    assert committed_rows() == before
    assert user_named("sofia.greco@gmail.com") is None


def test_operator_cannot_create_a_member_without_an_organisation(runner):
    before = committed_counts()
    result = create_user(runner, "--email", "a@example.org", "--password", PASSWORD,
                         "--name", "A", "--role", "organisation")
    assert result.exit_code == 1
    assert "--organisation" in result.stderr
    assert committed_counts() == before


@pytest.mark.parametrize("wrong, field", [
    ({"--password": "short"}, "password"),
    ({"--email": "not-an-email"}, "email"),
    ({"--name": "   "}, "name"),
])
def test_operator_is_told_which_value_is_wrong(runner, wrong, field):
    values = {"--email": "someone@polito.it", "--password": PASSWORD, "--name": "Someone", **wrong}
    before = committed_counts()
    result = create_user(runner, *[item for pair in values.items() for item in pair], "--role", "coordinator")
    assert result.exit_code == 1
    assert f"{field}:" in result.stderr
    assert committed_counts() == before


def test_new_organisation_with_a_bad_kind_is_refused_and_not_created(runner):
    before = committed_counts()
    result = create_user(runner, "--email", "a@example.org", "--password", PASSWORD, "--name", "A",
                         "--role", "organisation", "--organisation", "Nuova Org", "--organisation-kind", "club")
    assert result.exit_code == 1
    assert "kind" in result.stderr
    assert committed_counts() == before


# --- seed-demo ---------------------------------------------------------------------------------------

def parse_demo_output(output: str) -> tuple[str, list[str]]:
    """The shared password and the e-mail of every account that seed-demo printed."""
    password = re.search(r"password for all: (\S+?)\)", output).group(1)
    emails = re.findall(r"^\s+(\S+@\S+)\s", output, flags=re.MULTILINE)
    return password, emails


def test_operator_can_load_the_demo_data_and_see_the_accounts(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    _password, emails = parse_demo_output(result.stdout)
    assert len(emails) >= 10
    assert len(set(emails)) == len(emails)
    db.session.expire_all()
    stored = set(db.session.scalars(sa.select(User.email)))
    assert set(emails) <= stored
    assert "coordinator" in result.stdout
    assert "academic" in result.stdout


def test_loading_the_demo_data_twice_changes_nothing(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    after_first = committed_rows()
    assert sum(len(rows) for name, rows in after_first.items() if name not in {"departments", "sdgs"}) > 0
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    after_second = committed_rows()
    assert {name: len(rows) for name, rows in after_second.items()} == \
        {name: len(rows) for name, rows in after_first.items()}
    assert after_second == after_first
    assert second.stdout == first.stdout


def test_every_demo_account_can_sign_in_with_the_printed_password(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    password, emails = parse_demo_output(result.stdout)
    for email in emails:
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"{email} cannot sign in"
        me = client.get("/api/v1/me")
        assert me.status_code == 200 and me.get_json()["email"] == email
        assert client.post("/logout").status_code == 302
        assert client.get("/api/v1/me").status_code == 401



def test_an_operator_whose_demo_files_are_broken_is_told_which_entry_and_nothing_is_loaded(runner, tmp_path,
                                                                                            monkeypatch):
    from matchmaker import demo

    for installed in demo.DATA.iterdir():
        if installed.name.endswith(".json"):
            (tmp_path / installed.name).write_bytes(installed.read_bytes())
    offers = json.loads((tmp_path / "offers.json").read_text(encoding="utf-8"))
    offers[2]["academic"] = "someone.else@polito.it"
    (tmp_path / "offers.json").write_text(json.dumps(offers, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(demo, "DATA", tmp_path)
    before = committed_counts()

    result = runner.invoke(args=["seed-demo"])

    assert result.exit_code == 1
    assert f"offers.json, entry 3 ({offers[2]['title']!r})" in result.stderr
    assert "'someone.else@polito.it' is not in academics.json" in result.stderr
    assert "Traceback" not in result.output
    assert committed_counts() == before
