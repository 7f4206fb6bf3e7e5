"""`flask import-initiatives FILE`: the coordinators' import as an operator's command, with the same checks,
the same all-or-nothing rule, and every problem printed by row and column."""
from pathlib import Path

import click
from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.initiatives import importing


@click.command("import-initiatives")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and print what would happen; write nothing.")
@click.option("--valid-only", is_flag=True, help="Import the valid rows and leave out those with problems.")
def import_initiatives_command(file: Path, dry_run: bool, valid_only: bool):
    """Import initiatives from a CSV or XLSX file (the columns of the open-data export, matched on external_id).
    Exits with 1 when problems stop the import: nothing is then written."""
    with force_locale("en"):
        try:
            plan = importing.check_file(file.read_bytes())
        except importing.UnreadableFile as error:
            _stop(error.message)
        for header, name in plan.mapping.columns:
            click.echo(f"column {header!r} -> {name}")
        for header in plan.mapping.ignored:
            click.echo(f"column {header!r} ignored")
        for problem in plan.problems:
            click.echo(f"row {problem.row}, column {problem.column}: {problem.message}")
        counts = plan.counts
        click.echo(f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
                   f"{counts['with_problems']} with problems")
        if plan.problems and not valid_only:
            _stop("The file has problems: nothing was imported. Fix them, or use --valid-only.")
        if dry_run:
            click.echo("Dry run: nothing was written.")
            return
        if not plan.valid_rows:
            _stop("No row of the file is valid: nothing was imported.")
        importing.write_plan(plan, None, file.name, valid_only=valid_only)
        db.session.commit()
        click.echo("Imported.")


def _stop(message: str) -> None:
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(1)
