"""The console is ready to show a break reminder: the banner and its labels, in each language.

The banner is rendered hidden for advisors; `console.js` fills and shows it when a
`wellbeing.break_reminder` event reaches the advisor's stream.
"""

from __future__ import annotations

import json
import re

import pytest

from tawasol.models.vocabulary import Role
from tests.factories import make_user
from tests.web.console_world import form_login

LABELS = {
    "fr": ("Prendre une pause", "Plus tard", "Pensez à faire une pause."),
    "ar": ("أخذ استراحة", "لاحقًا", "فكّر في أخذ استراحة."),
    "en": ("Take a break", "Later", "Consider taking one."),
    "es": ("Tomar una pausa", "Más tarde", "Piensa en tomar una pausa."),
}


def _strings(html: str) -> dict[str, str]:
    found = re.search(
        r'<script type="application/json" id="console-config">(.*?)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))["strings"]


def _banner(html: str) -> str:
    found = re.search(r'<div id="break-reminder"[^>]*>.*?</div>', html, re.S)
    assert found is not None, "no break reminder banner"
    return found.group(0)


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_the_banner_and_its_labels_are_in_the_advisors_language(app, runtime, brands, lang) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    _, email = make_user(runtime, Role.ADVISOR, [a.client_id])
    page = form_login(app, email).get(f"/inbox?lang={lang}")
    assert page.status_code == 200
    banner = _banner(page.text)
    assert 'role="status"' in banner and 'aria-live="polite"' in banner and " hidden>" in banner
    take, later, advice = LABELS[lang]
    assert f'<button type="button" class="small" data-break-take>{take}</button>' in banner
    assert f'<button type="button" class="small" data-break-dismiss>{later}</button>' in banner
    strings = _strings(page.text)
    assert "{minutes}" in strings["breakReminder"] and strings["breakReminder"].endswith(advice)
    assert "{minutes}" in strings["breakEnforcedAfter"]
    assert strings["breakEnforced"] and strings["breakReminderLong"].endswith(advice)
    if lang == "ar":
        assert 'dir="rtl"' in page.text


def test_staff_without_a_presence_toggle_get_no_banner(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    _, email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    page = form_login(app, email).get("/inbox")
    assert page.status_code == 200
    assert 'id="presence-select"' not in page.text
    assert 'id="break-reminder"' not in page.text
