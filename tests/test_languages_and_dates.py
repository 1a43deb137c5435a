import datetime as dt

import pytest
from conftest import LANGUAGES
from policy_site import dates, languages


def test_every_language_is_named_in_itself_with_a_capital():
    names = {code: languages.native_name(code) for code in LANGUAGES}
    assert names == {
        "en": "English", "fr": "Français", "es": "Español", "pt": "Português",
        "it": "Italiano", "de": "Deutsch", "nl": "Nederlands", "sv": "Svenska",
        "ru": "Русский", "tr": "Türkçe",
    }


def test_unknown_language_codes_are_recognised():
    assert languages.is_known_language("fr")
    assert not languages.is_known_language("xx")


@pytest.mark.parametrize(
    "language, expected",
    [("fr", "21 juin 2017"), ("de", "21. Juni 2017"), ("ru", "21 июня 2017\u202fг."),  # CLDR: narrow no-break space
     ("en", "June 21, 2017"), ("tr", "21 Haziran 2017")],
)
def test_dates_are_written_as_each_language_writes_them(language, expected):
    assert dates.localized_date(dt.date(2017, 6, 21), language) == expected


@pytest.mark.parametrize("language, expected", [
    ("fr", "1er janvier 2027"), ("fr_CA", "1er janvier 2027"), ("it", "1º gennaio 2027"),
    ("es", "1 de enero de 2027"), ("pt", "1 de janeiro de 2027"), ("de", "1. Januar 2027"),
])
def test_the_first_of_the_month_is_an_ordinal_in_french_and_italian(language, expected):
    assert dates.localized_date(dt.date(2027, 1, 1), language) == expected
    assert dates.localized_date(dt.date(2027, 1, 11), language).startswith("11")


def test_build_date_follows_source_date_epoch():
    assert dates.build_date({"SOURCE_DATE_EPOCH": "1498003200"}) == dt.date(2017, 6, 21)


def test_build_date_defaults_to_today():
    assert dates.build_date({}) == dt.datetime.now(dt.timezone.utc).date()


def test_build_date_that_is_not_a_number_is_refused_with_advice():
    with pytest.raises(dates.BuildDateError, match="SOURCE_DATE_EPOCH='next week'.*integer"):
        dates.build_date({"SOURCE_DATE_EPOCH": "next week"})


LUNR = {"fr", "es", "pt", "it", "de", "nl", "sv", "ru", "tr", "ar"}


@pytest.mark.parametrize("code, expected", [
    ("en", ["en"]), ("fr", ["fr"]), ("tr", ["tr"]), ("de", ["de"]),
    ("ru", ["en", "ru"]),  # lunr's Russian rules alone would drop "Lettermoss" from the index
    ("ar", ["en", "ar"]),
    ("pl", ["en"]),  # no lunr rules for Polish: English's, unstemmed
])
def test_each_search_index_stems_with_its_own_language(code, expected):
    assert languages.search_languages(code, LUNR) == expected


def test_a_language_without_lunr_rules_is_searched_unstemmed():
    assert languages.search_pipeline("pl", LUNR, ["trimmer", "stopWordFilter", "stemmer"]) == []
    assert languages.search_pipeline("fr", LUNR, ["trimmer", "stemmer"]) == ["trimmer", "stemmer"]
    assert languages.english_name("pl") == "Polish"


def test_the_script_of_a_language_comes_from_cldr():
    assert [languages.script(code) for code in ("fr", "ru", "tr", "sr_Latn")] == ["Latn", "Cyrl", "Latn", "Latn"]
