"""Nothing from outside the repository, and nothing in docs/ but what a policy site publishes.

MkDocs copies every file under docs/ into the site as it is, following symbolic links: a link
to /etc/passwd or /proc/self/environ would publish the build machine's secrets, and an HTML or
SVG file would publish its own scripts. So the folders that go into the site hold no link, and
docs/ only the kinds of files policies are made of.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..problems import Problem

# Markdown texts, the published-text record, and raster images (an SVG can carry a script).
DOCS_SUFFIXES = frozenset({".md", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".webp"})


def shown(path: Path, root: Path, name: str) -> str:
    return f"{name}/{path.relative_to(root).as_posix()}"


def link_problems(root: Path, name: str) -> list[Problem]:
    """Each symbolic link under `root` (shown as `name/...`), which is never followed."""
    problems = []
    for folder, directories, files in os.walk(root, followlinks=False):
        for entry in [*directories, *files]:
            path = Path(folder) / entry
            if path.is_symlink():
                problems.append(Problem(
                    shown(path, root, name), None,
                    f"is a symbolic link (to {os.readlink(path)}): nothing from outside the repository is published.",
                    "Replace the link by the file itself, or delete it."))
    return problems


def docs_problems(docs_dir: Path) -> list[Problem]:
    """Files under docs/ that are not texts, the record or raster images (a text too large is
    named where it is read: sources.read_text)."""
    problems = []
    for folder, directories, files in os.walk(docs_dir, followlinks=False):
        for entry in directories:
            path = Path(folder) / entry
            if path.suffix == ".md" and not path.is_symlink():
                problems.append(Problem(shown(path, docs_dir, "docs"), None, "is a folder named like a text.",
                                        "Rename the folder: names ending in .md are for texts."))
        for entry in files:
            path = Path(folder) / entry
            if path.is_symlink():
                continue  # named by link_problems
            if path.suffix.lower() not in DOCS_SUFFIXES:
                problems.append(Problem(
                    shown(path, docs_dir, "docs"), None,
                    f"is a {path.suffix or 'file without extension'} file, which docs/ may not hold: everything in "
                    "docs/ is published as it is.",
                    "Write the content as Markdown (.md); images may be PNG, JPEG, GIF or WebP. "
                    "Templates go in overrides/."))
    return problems
