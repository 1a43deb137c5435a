"""Command line for editors and translators: `policy-site translations [--markdown FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config

from .problems import SourceError
from .sources import SiteSources, load_sources
from .translation.check import TranslationResult, check_all


def project_sources(config_file: str) -> SiteSources:
    config = load_config(config_file)
    i18n = config.plugins["i18n"].config
    policy = config.plugins["policy_site"].config
    return load_sources(
        Path(config.docs_dir), [lang.locale for lang in i18n.languages],
        policy.source_language, policy.documents,
    )


def status_table(results: list[TranslationResult], languages: list[str], paths: list[str]) -> str:
    """Markdown table, language x page, for a terminal or a CI job summary."""
    by_key = {(r.language, r.path): r for r in results}
    lines = ["| language | " + " | ".join(paths) + " |", "|---|" + "---|" * len(paths)]
    for language in languages:
        cells = []
        for path in paths:
            result = by_key[(language, path)]
            count = len(result.mismatches)
            cells.append("matches English" if not count else f"**mismatched** ({count})")
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def translations(args: argparse.Namespace) -> int:
    try:
        sources = project_sources(args.config_file)
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    results = check_all(sources)
    languages = [code for code in sources.languages if code != sources.source_language]
    table = status_table(results, languages, sources.paths())
    details = "\n\n".join(r.report() for r in results if r.mismatches)
    text = table + ("\n\n## Mismatches\n\n```\n" + details + "\n```\n" if details else "\n")
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 1 if details else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policy-site", description=__doc__)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("translations", help="compare every translation with English")
    report.add_argument("--markdown", metavar="FILE", help="also write the report as Markdown")
    report.set_defaults(run=translations)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
