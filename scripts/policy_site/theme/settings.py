"""The theme's settings the site sets on each language's pass."""

from __future__ import annotations

from typing import Any


def set_theme_language(config: Any, code: str) -> None:
    """<html lang> and the theme's own interface strings (its search box, its buttons)."""
    config.theme["language"] = code


def set_language_links(config: Any, links: list[dict[str, str]]) -> None:
    """The theme's language switcher (partials/alternate.html) and the <link rel="alternate"
    hreflang> of every page's <head> (base.html) both read extra.alternate."""
    config.extra["alternate"] = links
