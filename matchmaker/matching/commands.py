"""`flask match-eval`: measure the engine on the public data sets (their path is given, never shipped)."""
import json
from pathlib import Path

import click

from matchmaker.engine.evaluation import SPLITS, evaluate_expertise, evaluate_retrieval


@click.group("match-eval")
def match_eval_command():
    """Measure the matching engine on a public data set."""


@match_eval_command.command("expertise")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with items.jsonl, profiles/ and the ratings.")
@click.option("--ratings", "ratings", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ratings file (default: ratings-dev.tsv in --data).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Write {academic_id: {item_id: score}} as d_20_N.json here.")
def expertise_command(data: Path, ratings: Path | None, out: Path | None):
    """Loss of the stored academic-challenge scores against researchers' own expertise ratings: "loss" is the
    paper's (all researchers' pairs pooled per profile file, mean over the files); "per_researcher_mean", a mean
    of each researcher's own loss, is not comparable with the paper's figures."""
    ratings = ratings or data / "ratings-dev.tsv"
    if not ratings.exists():
        raise click.ClickException(f"No ratings file at {ratings}; give one with --ratings.")
    try:
        click.echo(json.dumps(evaluate_expertise(data, ratings, out)))
    except ValueError as error:
        raise click.ClickException(str(error)) from error


@match_eval_command.command("retrieval")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with queries.jsonl, corpus.jsonl and qrels.tsv.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the top 100 documents of each query: query_id<TAB>doc_id<TAB>score.")
@click.option("--split", "split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Which queries: the dev half (choose settings on it), the test half (report only), or all.")
def retrieval_command(data: Path, out: Path | None, split: str):
    """nDCG@10, recall@100 and MRR@10 of the search box on a BEIR-style data set."""
    for name in ("queries.jsonl", "corpus.jsonl", "qrels.tsv"):
        if not (data / name).exists():
            raise click.ClickException(f"{data} has no {name}.")
    click.echo(json.dumps(evaluate_retrieval(data, out, split=split)))
