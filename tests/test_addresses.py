from policy_site import addresses


def test_every_language_has_its_own_prefix():
    assert addresses.page_address("en", "privacy.md") == "en/privacy/"
    assert addresses.page_address("fr", "index.md") == "fr/"
    assert addresses.page_address("ru", "sub/terms.md") == "ru/sub/terms/"


def test_absolute_urls_respect_a_sub_path():
    assert addresses.absolute_url("https://example.org/legal/", "fr/privacy/") == (
        "https://example.org/legal/fr/privacy/"
    )
    assert addresses.absolute_url("https://example.org/legal", "fr/") == "https://example.org/legal/fr/"
    assert addresses.site_path("https://example.org/legal") == "/legal/"
    assert addresses.site_path("https://example.org") == "/"
