"""`flask suggest-sdgs [--kind K]`: the back-fill of suggestions.
`flask load-sdgs --data DIR`: the UN's goal, target and indicator texts and the Aurora queries, read from a
folder (the one the product's data README describes) into the reference tables. Running it again changes nothing."""
from pathlib import Path

import click

from matchmaker.engine.sdg_reference import read_reference
from matchmaker.extensions import db
from matchmaker.sdgs.backfill import backfill
from matchmaker.sdgs.models import ITEM_KINDS
from matchmaker.sdgs.services import load_reference


@click.command("load-sdgs")
@click.option("--data", "folder", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder with goals-en.json, goals-it.json, indicators-en.json and aurora/query_SDG*.xml.")
def load_sdgs_command(folder: Path) -> None:
    """Load the SDGs' statements, targets, indicators and Aurora query phrases."""
    try:
        reference = read_reference(folder)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot read {folder}: {error}") from error
    counts = load_reference(reference)
    db.session.commit()
    click.echo("loaded: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))


@click.command("suggest-sdgs")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(ITEM_KINDS),
              help="Only this kind of item (repeatable); every kind without it.")
def suggest_sdgs_command(kinds: tuple[str, ...]) -> None:
    """Store the suggested goals of every item; the goals people confirmed are never changed."""
    counts = backfill(kinds or ITEM_KINDS)
    db.session.commit()
    click.echo(f"{counts.read} items read, {counts.changed} changed, {counts.unchanged} unchanged")
