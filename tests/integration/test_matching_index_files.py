"""The saved matching index is data, never code: an index left as a pickle by an earlier version (or planted
by someone who can write the folder) is not read; the app rebuilds the index from the database instead."""
import pickle

from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.orgs.models import OrganisationStatus
from tests.conftest import make_test_app


class CodeOnUnpickling:
    """Unpickling this creates a file: proof that the pickle was run."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return open, (self.path, "w")


def test_another_process_rebuilds_the_index_instead_of_running_an_old_pickle(app, make, database_url, tmp_path):
    folder = tmp_path / "matching"
    app.config["MATCHING_INDEX_DIR"] = str(folder)
    challenge = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED), title="Energy poverty")
    matching.recompute_all()
    db.session.commit()
    version = folder / (folder / "CURRENT").read_text()
    (version / "items.json").unlink(missing_ok=True)
    marker = tmp_path / "the-pickle-ran"
    (version / "items.pickle").write_bytes(pickle.dumps(CodeOnUnpickling(str(marker))))

    other = make_test_app(database_url, MATCHING_INDEX_DIR=str(folder))
    with other.app_context():
        engine = matching.get_engine()

    assert not marker.exists()
    assert f"challenge:{challenge.id}" in engine.items


def test_the_saved_index_loads_in_another_process_with_the_same_items(app, make, database_url, tmp_path):
    folder = tmp_path / "matching"
    app.config["MATCHING_INDEX_DIR"] = str(folder)
    make.challenge(make.organisation(status=OrganisationStatus.VERIFIED), title="Energy poverty", sdgs=(7, 11))
    make.offer(make.academic(verified=True), title="Energy audits", sdgs=(7,))
    matching.recompute_all()
    db.session.commit()
    saved_items = matching.get_engine().items

    other = make_test_app(database_url, MATCHING_INDEX_DIR=str(folder))
    with other.app_context():
        loaded = matching.get_engine()
        assert matching._state().version == (folder / "CURRENT").read_text()

    assert loaded.items == saved_items
    assert not list(folder.rglob("*.pickle"))
