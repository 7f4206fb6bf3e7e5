"""Embeddings of the texts for matching by meaning: made by a job after each save, backfilled in batches.

- A saved text is embedded by `embed_texts`, a job that runs after the commit (on the queue, or inline): the
  vector is stored (table text_embeddings, int8) and put into this process's engine, and the text's stored
  matches are recomputed with meaning in them.
- The first time (or after a model change) every text needs its embedding: `embed_backlog` embeds a batch,
  commits, and asks for the next one until none is left; it resumes where it stopped, since what is done is
  in the database. Coordinators see its progress. Until it finishes, matching uses the words alone.
- Off when SEMANTIC_MATCHING is off or the package is not installed: the platform runs on words alone.
Services flush; the job runner commits.
"""
import functools
import logging
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from flask import current_app

from matchmaker.engine import semantic
from matchmaker.engine.matcher import MatchingEngine, key_id
from matchmaker.extensions import db
from matchmaker.jobs import enqueue, job
from matchmaker.matching import services
from matchmaker.matching.models import TextEmbedding

log = logging.getLogger(__name__)
KIND_OF_KEY = {"challenge": "challenge", "offer": "offer", "profile": "profile", "publication": "profile"}


def enabled() -> bool:
    return bool(current_app.config.get("SEMANTIC_MATCHING")) and semantic.model_available()


@functools.lru_cache(maxsize=512)
def _query_codes(text: str):
    embed = semantic.load_embed()
    return semantic.to_int8(embed([text])[0]) if embed else None


def query_codes(engine: MatchingEngine, text: str):
    """A search's embedding (int8), when meaning is on and every text has one; None otherwise."""
    if not enabled() or not engine.meaning_ready or not text.strip():
        return None
    return _query_codes(" ".join(text.split())[:2000])


def load_stored(engine: MatchingEngine) -> int:
    """Put the stored embeddings of the engine's current texts into it (a stale one is refused); how many."""
    count = 0
    rows = db.session.execute(sa.select(TextEmbedding.key, TextEmbedding.digest, TextEmbedding.vector)
                              .where(TextEmbedding.model == semantic.MODEL_NAME))
    for key, digest, vector in rows:
        if key in engine.items and len(vector) == semantic.DIMENSIONS:
            count += engine.put_meaning(key, semantic.codes_from_bytes(vector), digest)
    return count


# The codes of texts this process embedded, by digest: a text hidden and shown again, a rebuilt database or a
# test's demo seeded twice is not read twice (the model gives the same vector for the same text).
_recent: OrderedDict[str, np.ndarray] = OrderedDict()
RECENT_TEXTS = 20_000  # 7.7 MB


def _codes_of(texts: dict[str, str]) -> dict[str, np.ndarray]:
    """int8 codes for each digest → text, from the recent ones or the model."""
    missing = [digest for digest in texts if digest not in _recent]
    if missing:
        embed = semantic.load_embed()
        for digest, vector in zip(missing, embed([texts[d] for d in missing]), strict=True):
            _recent[digest] = semantic.to_int8(vector)
            while len(_recent) > RECENT_TEXTS:
                _recent.popitem(last=False)
    return {digest: _recent[digest] for digest in texts}


def store(engine: MatchingEngine, keys: list[str]) -> int:
    """Embed the given texts of the engine, store their vectors and put them into the engine. Flushes."""
    items = [engine.items[key] for key in keys if key in engine.items]
    if not items or not semantic.model_available():
        return 0
    codes_of = _codes_of({engine.meaning_digest(item): semantic.embedding_text(item.fields) for item in items})
    stored = {row.key: row for row in db.session.scalars(
        sa.select(TextEmbedding).where(TextEmbedding.key.in_([item.key for item in items])))}
    for item in items:
        digest = engine.meaning_digest(item)
        codes = codes_of[digest]
        row = stored.get(item.key) or TextEmbedding(key=item.key)
        row.model, row.digest, row.vector = semantic.MODEL_NAME, digest, codes.tobytes()
        db.session.add(row)
        engine.put_meaning(item.key, codes, digest)
    db.session.flush()
    return len(items)


def texts_changed(engine: MatchingEngine, keys) -> None:
    """After an item was refreshed: its texts without an embedding get one, by a job after the commit."""
    if not enabled():
        return
    waiting = sorted(key for key in keys if engine.lacks_meaning(key))
    if waiting:
        enqueue("embed_texts", waiting)


@job
def embed_texts(keys: list[str]) -> int:
    """Embed a few saved texts, then recompute their stored matches with meaning in them. Flushes."""
    if not enabled():
        return 0
    engine = services.get_engine()
    with services.lock():
        count = store(engine, keys)
    services.mark_for_saving()
    if count and engine.meaning_ready:
        for kind, item_id in sorted({(KIND_OF_KEY[key.split(":", 1)[0]], _owner_or_id(engine, key)) for key in keys
                                     if key in engine.items}):
            enqueue("refresh_item", kind, item_id)
    return count


def _owner_or_id(engine: MatchingEngine, key: str) -> int:
    """The id refresh_item wants: a publication or a profile is refreshed through its academic."""
    item = engine.items[key]
    return item.owner if key.startswith(("profile:", "publication:")) else key_id(key)


@job
def embed_backlog() -> int:
    """Embed the next batch of texts still without an embedding; ask for the next batch, or, when none is
    left, for a full recomputation (every stored score then has meaning in it). Flushes."""
    if not enabled():
        return 0
    engine = services.get_engine()
    with services.lock():
        batch = engine.unembedded[: current_app.config.get("SEMANTIC_BATCH", 16)]
        count = store(engine, batch)
        left = len(engine.unembedded)
    services.mark_for_saving()
    if left:
        enqueue("embed_backlog")
    elif count:
        services.request_full_recompute()
    return count


def start_backlog() -> bool:
    """Ask for the backlog job when texts wait for their embedding; False when there is nothing to do."""
    if not enabled() or not services.get_engine().unembedded:
        return False
    enqueue("embed_backlog")
    return True


@dataclass
class Progress:
    """How far reading the texts' meaning has come, for the coordinators."""

    enabled: bool
    installed: bool
    done: int
    total: int

    @property
    def waiting(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100


def progress() -> Progress:
    engine = services.get_engine()
    waiting = len(engine.unembedded)
    total = engine.texts_that_say_something
    return Progress(bool(current_app.config.get("SEMANTIC_MATCHING")), semantic.model_available(),
                    total - waiting, total)
