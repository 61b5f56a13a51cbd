"""Sunset (maghrib) at a client's location, and the iftar break window around it.

During Ramadan the fast is broken at maghrib, which is sunset: the meal break of an evening shift
must sit around it, and sunset moves by a minute or two a day and by half an hour between the
north and the south of Morocco. The sun's position comes from ``astral`` (NOAA's algorithm:
apparent sunset, with refraction and the solar disc, at sea level), computed locally with no
data to download.

The window is given in quarters of an hour, like every break in the scheduler: from sunset minus
``before_minutes`` rounded down to the quarter, to sunset plus ``after_minutes`` rounded up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import sunset

QUARTER = 15


@dataclass(frozen=True, slots=True)
class Location:
    """Where the advisors work: coordinates in degrees (north and east positive), timezone."""

    latitude: float = 33.5731
    longitude: float = -7.5898
    timezone: str = "Africa/Casablanca"

    def __post_init__(self) -> None:
        if not -66.0 <= self.latitude <= 66.0:
            raise ValueError("latitude must be within the polar circles (-66 to 66)")
        if not -180.0 <= self.longitude <= 180.0:
            raise ValueError("longitude must be between -180 and 180")
        try:
            ZoneInfo(self.timezone)
        except (KeyError, ValueError) as error:
            raise ValueError(f"unknown timezone {self.timezone!r}") from error


CASABLANCA = Location()


def sunset_at(day: date, location: Location = CASABLANCA) -> datetime:
    """Local, timezone-aware sunset on ``day``."""
    observer = Observer(latitude=location.latitude, longitude=location.longitude)
    return sunset(observer, date=day, tzinfo=ZoneInfo(location.timezone))


@dataclass(frozen=True, slots=True)
class IftarRule:
    """The Ramadan meal window: around sunset at ``location`` instead of fixed clock times."""

    location: Location = CASABLANCA
    before_minutes: int = 15
    after_minutes: int = 75

    def __post_init__(self) -> None:
        if not 0 <= self.before_minutes <= 120 or not 30 <= self.after_minutes <= 180:
            raise ValueError("the iftar window spans 0-120 min before and 30-180 min after sunset")

    def window(self, day: date) -> tuple[time, time]:
        """Local wall-clock start and end of the window on ``day`` (whole quarters)."""
        at = sunset_at(day, self.location)
        minutes = at.hour * 60 + at.minute + at.second / 60
        start = int(minutes - self.before_minutes) // QUARTER * QUARTER
        end = -(-int(minutes + self.after_minutes + 0.999) // QUARTER) * QUARTER
        end = min(end, 24 * 60 - QUARTER)
        return _clock(start), _clock(end)


def _clock(minutes: int) -> time:
    moment = datetime.min + timedelta(minutes=minutes)
    return moment.time()
