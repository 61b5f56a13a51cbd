"""Finding `@Full Name` mentions in a note's text."""

from __future__ import annotations

from tawasol.models.user import User
from tawasol.users.mentions import find_mentioned


def _people(*names: str) -> list[User]:
    return [User(id=i + 1, full_name=name) for i, name in enumerate(names)]


def test_names_are_found_case_insensitively_with_a_word_boundary() -> None:
    ali, ali_benali, salma = _people("Ali", "Ali Benali", "Salma Idrissi")
    found = find_mentioned("Merci @ali benali et @SALMA IDRISSI, vu ?", [ali, ali_benali, salma])
    assert {u.full_name for u in found} == {"Ali Benali", "Salma Idrissi"}  # not also "Ali"
    assert find_mentioned("@Alice est là", [ali]) == []  # "@Ali" inside "@Alice"
    assert find_mentioned("écrire à ali@example.com", [ali]) == []
    assert [u.full_name for u in find_mentioned("@Ali, puis @Ali Benali", [ali, ali_benali])] == [
        "Ali Benali", "Ali",
    ]  # fmt: skip


def test_arabic_names_and_no_mentions() -> None:
    (youssef,) = _people("يوسف العلوي")
    assert find_mentioned("شكرا @يوسف العلوي", [youssef]) == [youssef]
    assert find_mentioned("pas de mention ici", [youssef]) == []
