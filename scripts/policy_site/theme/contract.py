"""What the site expects of the theme's files, checked before anything is built: after a theme
upgrade that moved one of them, the build stops and says what to port, instead of publishing a
site whose search, language links or accessibility fixes silently stopped working."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .markup import CONFIG_SCRIPT_START, OWN_TITLE_STARTS, SEARCH_DIALOG, TOC_LABEL, TOC_LIST_START
from .search import LUNR_RULES, OTHER_LANGUAGES


@dataclass(frozen=True)
class Expectation:
    template: str  # a file of the theme's templates folder
    fragment: str  # text the file must hold ("" only that the file exists)
    relied_on_by: str  # what of ours stops working without it


EXPECTATIONS: tuple[Expectation, ...] = (
    *(Expectation("base.html", f"{{% block {block} %}}", "overrides/main.html, which fills this block")
      for block in ("site_meta", "htmltitle", "scripts", "content")),
    Expectation("base.html", CONFIG_SCRIPT_START,
                "theme/markup.py theme_config: each language's search index, the stemming search worker"),
    Expectation("base.html", 'type="checkbox" id="__search" autocomplete="off"',
                "theme/markup.py valid_theme_markup (autocomplete is not allowed on a checkbox)"),
    Expectation("base.html", "config.extra.alternate", "theme/settings.py set_language_links (the hreflang links)"),
    Expectation("partials/alternate.html", "config.extra.alternate", "theme/settings.py set_language_links (the language switcher)"),
    Expectation("partials/search.html", SEARCH_DIALOG, "theme/markup.py valid_theme_markup (the search dialog's name)"),
    Expectation("partials/toc.html", TOC_LABEL, "theme/markup.py valid_theme_markup (a label without its control)"),
    Expectation("partials/toc.html", TOC_LIST_START, "theme/markup.py titles_in_language (the contents of a text shown in English)"),
    *(Expectation(template, start, "theme/markup.py titles_in_language (a title shown in English)")
      for template, start in OWN_TITLE_STARTS),
    Expectation("partials/footer.html", 'class="md-footer__link', "theme/markup.py titles_in_language (footer links)"),
    Expectation("partials/nav-item.html", 'class="md-ellipsis"', "theme/markup.py titles_in_language (navigation links)"),
    Expectation("partials/copyright.html", "", "overrides/partials/copyright.html, which replaces it"),
    Expectation("404.html", "{% block content %}", "overrides/404.html, which fills this block"),
)

# Files by pattern: the theme's search worker (its name carries a hash that changes with every
# release, so stemmed-search.js is told it by the page) and the lunr rules of the languages.
FILE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("assets/javascripts/workers/search.*.min.js",
     "overrides/assets/javascripts/workers/stemmed-search.js, which loads the theme's worker"),
    ((LUNR_RULES / "lunr.*.min.js").as_posix(), "theme/search.py lunr_support (stemmed search per language)"),
)

# What those files must hold: stemmed-search.js runs one copy of the theme's worker per language
# of an index (each defines its own lunr and one message handler), and the texts in other
# languages ride in the index's config, which the theme's page hands the worker whole.
WORKER = "overrides/assets/javascripts/workers/stemmed-search.js"
PATTERN_FRAGMENTS: tuple[tuple[str, str, str], ...] = (
    ("assets/javascripts/workers/search.*.min.js", "self.lunr=", WORKER),
    ("assets/javascripts/workers/search.*.min.js", 'addEventListener("message"', WORKER),
    ("assets/javascripts/bundle.*.min.js", "data:{config:", f"theme/search.py {OTHER_LANGUAGES} (read by {WORKER})"),
)


def theme_folder(theme_dirs: Iterable[str]) -> Path | None:
    """The theme's own templates among MkDocs' theme folders (after the site's overrides)."""
    for folder in theme_dirs:
        if (Path(folder) / "base.html").is_file() and (Path(folder) / "partials" / "search.html").is_file():
            return Path(folder)
    return None


def broken_expectations(theme: Path) -> list[str]:
    """Each expectation the theme's files in `theme` do not meet, said with what relies on it."""
    broken = []
    texts: dict[str, str | None] = {}
    for expectation in EXPECTATIONS:
        if expectation.template not in texts:
            path = theme / expectation.template
            texts[expectation.template] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = texts[expectation.template]
        if text is None:
            broken.append(f"{expectation.template} is gone; {expectation.relied_on_by} relies on it")
        elif expectation.fragment not in text:
            broken.append(f"{expectation.template} no longer has {expectation.fragment!r}; "
                          f"{expectation.relied_on_by} relies on it")
    for pattern, relied_on_by in FILE_PATTERNS:
        if not any(theme.glob(pattern)):
            broken.append(f"no file {pattern}; {relied_on_by} relies on it")
    for pattern, fragment, relied_on_by in PATTERN_FRAGMENTS:
        for path in sorted(theme.glob(pattern)):
            if fragment not in path.read_text(encoding="utf-8"):
                broken.append(f"{path.relative_to(theme).as_posix()} no longer has {fragment!r}; "
                              f"{relied_on_by} relies on it")
    return broken


def theme_problems(theme_dirs: Iterable[str]) -> list[str]:
    """What the build says before anything is built: the theme's broken expectations."""
    theme = theme_folder(theme_dirs)
    if theme is None:
        return ["no base.html with partials/search.html among the theme's folders: the site needs Material for MkDocs"]
    return broken_expectations(theme)
