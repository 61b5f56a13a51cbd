"""The script tag, the demo page, and whether the widget offers a chat or the offline form."""

from __future__ import annotations

from tests.channels.webchat.conftest import make_chat_inbox

ALL_DAY = [["00:00", "24:00"]]


def test_script_is_one_file_with_its_css(widget, chat) -> None:  # type: ignore[no-untyped-def]
    response = widget.get(f"/widget/{chat.key}.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/javascript; charset=utf-8"
    assert "attachShadow" in response.text and ".tw-root" in response.text
    assert "__TAWASOL_WIDGET_CSS__" not in response.text


def test_demo_page_embeds_the_script(widget, chat) -> None:  # type: ignore[no-untyped-def]
    response = widget.get(f"/widget/{chat.key}/demo")
    assert response.status_code == 200
    assert f'<script src="/widget/{chat.key}.js" async></script>' in response.text
    assert "chatbrand" in response.text


def test_availability_follows_advisors_and_business_hours(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    def check(settings: dict, *, advisor: bool = True) -> dict:
        chat = make_chat_inbox(runtime, settings, advisor=advisor)
        response = widget.get(f"/widget/{chat.key}/availability")
        assert response.status_code == 200
        return response.json()

    open_now = check({"title": "Service client", "color": "#123456"})
    assert open_now["available"] is True and open_now["reason"] == "open"
    assert open_now["title"] == "Service client" and open_now["color"] == "#123456"
    assert check({}, advisor=False)["reason"] == "no_advisor"
    assert check({"business_hours": {"timezone": "UTC"}})["reason"] == "closed"
    every_day = {day: ALL_DAY for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert check({"business_hours": {"timezone": "Africa/Casablanca", **every_day}})["available"]
    # A broken setting never hides the chat; a bad colour falls back to the default.
    broken = check({"business_hours": {"timezone": "Mars/Olympus", "mon": "9-5"}, "color": "red"})
    assert broken["available"] is True and broken["color"] == "#0b6e4f"
