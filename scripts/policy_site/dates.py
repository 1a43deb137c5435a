"""The build date and localised dates."""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from babel import Locale
from babel.dates import format_date

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
FIRST_OF_THE_MONTH = {"fr": "1er", "it": "1º"}  # the ordinal these languages write for the 1st


class BuildDateError(ValueError):
    pass


def build_date(environ: Mapping[str, str]) -> dt.date:
    """The day the site is built 'as of'.

    SOURCE_DATE_EPOCH (the reproducible-builds convention MkDocs also follows) wins, so that a
    test or a rebuild can produce the site as of any day; otherwise today, in UTC.
    """
    raw = environ.get(SOURCE_DATE_EPOCH)
    if raw is None or raw == "":
        return dt.datetime.now(dt.timezone.utc).date()
    try:
        seconds = int(raw)
    except ValueError:
        raise BuildDateError(
            f"{SOURCE_DATE_EPOCH}={raw!r} is not a number of seconds since 1970-01-01: "
            "set it to an integer (for example `date -d 2027-01-01 +%s`) or unset it."
        ) from None
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()


def localized_date(day: dt.date, language: str) -> str:
    """The date as a reader of that language writes it: '21 juin 2017', '21. Juni 2017'.

    French and Italian write the first of a month as an ordinal ('1er janvier 2027',
    '1º gennaio 2027') where CLDR has '1'.
    """
    written = format_date(day, format="long", locale=language)
    first = FIRST_OF_THE_MONTH.get(Locale.parse(language).language)
    if day.day == 1 and first and written.startswith("1 "):
        written = first + written[1:]
    return written
