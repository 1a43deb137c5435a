"""Every page the site has, per language, with its role: the one list behind the generated
files, the language links and the sitemap, so they can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from . import addresses
from .sources import SiteSources
from .versions.timeline import VersionState, shown_version


@dataclass(frozen=True)
class SitePage:
    kind: str  # 'home', 'page', 'document', 'version', 'history', 'changes', 'status', 'subscribe'
    address: str  # root-relative: 'fr/privacy/2024-09-01/'
    src_uri: str  # the Markdown file MkDocs renders for it, real or generated
    document: str | None = None
    state: VersionState | None = None  # the version shown (document, version, changes)


def language_pages(
    sources: SiteSources, language: str, timelines: dict[str, list[VersionState]]
) -> list[SitePage]:
    """The pages of one language, in a stable order."""
    pages = [
        SitePage("home", addresses.home(language), f"{language}/index.md"),
        SitePage("status", addresses.translation_status(language), f"{language}/translations.md"),
        SitePage("subscribe", addresses.subscribe(language), f"{language}/subscribe.md"),
    ]
    for path in sources.paths():
        page = sources.page(language, path)
        if page.version is None and path != "index.md":
            pages.append(SitePage("page", addresses.page_address(language, path), f"{language}/{path}"))
    for name in sources.documents:
        states = timelines[name]
        current = shown_version(states)
        pages.append(SitePage("document", addresses.document(language, name),
                              f"{language}/{name}/index.md", name, current))
        pages.append(SitePage("history", addresses.history(language, name),
                              f"{language}/{name}/history.md", name))
        for state in states:
            day = state.effective_date
            pages.append(SitePage("version", addresses.version(language, name, day),
                                  f"{language}/{name}/{day.isoformat()}.md", name, state))
            if state.previous is not None:
                pages.append(SitePage("changes", addresses.changes(language, name, day),
                                      f"{language}/{name}/changes-{day.isoformat()}.md", name, state))
    return pages

