"""The summary's request is the first sentence that says something: greetings are skipped."""

from __future__ import annotations

import pytest

from tawasol.copilot.summary import first_sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salam cv? Le vol dyali t2akhar w ratit la correspondance, chnou ndir daba? Merci.",
         "Le vol dyali t2akhar w ratit la correspondance, chnou ndir daba?"),
        ("Bonjour. Merci ! Ma facture est fausse.", "Ma facture est fausse."),
        ("السلام عليكم. عندي مشكل فالفاتورة", "عندي مشكل فالفاتورة"),
        ("Hola, buenos días.\nMi pedido no llegó.", "Mi pedido no llegó."),
        ("salam, bghit nlghi lcommande", "salam, bghit nlghi lcommande"),  # one sentence
        ("ألو؟", "ألو؟"),  # nothing but a greeting: kept
        ("Bonjour ! Appelez-moi au 06 12 34 56 78.", "Appelez-moi au [PHONE]."),
    ],
)  # fmt: skip
def test_the_request_skips_greetings(text: str, expected: str) -> None:
    assert first_sentence(text) == expected
