"""Work spread over processes: the languages of a build, and the checks of many texts.

It imports nothing of MkDocs: the plugin hands it a function that builds one language, and the
plugin and `policy-site` hand it the check of one text or pair of texts (`mapped`).

The i18n plugin builds the first language, then every other one in turn from its post_build
event. Once the sources are read and checked, before the first language is built, the build
forks: each child process runs that loop over its share of the languages, into the same site
folder (each language has its own folder; the theme's files they all write are the same bytes).
The parent builds the first language and its share, waits for the children, and only then
writes what spans every language (root pages, versions.json, the CSP), so the site is the same,
byte for byte, as a build in one process (tests/test_parallel_build.py).

Fork, not spawn: a child starts from everything the parent has loaded and checked, so no
language pays for reading and checking the sources again. Elsewhere than Linux (see can_fork),
the build runs in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Mapping

SETTING = "POLICY_SITE_BUILD_PROCESSES"  # overrides build_processes of mkdocs.yml


def cpu_count() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity
        return os.cpu_count() or 1


def build_processes(setting: int, environ: Mapping[str, str], cores: int) -> int:
    """How many processes build languages: the setting (0: one per core), unless the
    environment says otherwise; never fewer than one."""
    value = environ.get(SETTING, "").strip()
    if value:
        if not value.isdigit():
            raise ValueError(f"{SETTING}={value!r} is not a number: set it to 1 (one process), "
                             "to a number of processes, or to 0 (one per core).")
        setting = int(value)
    return max(1, setting or cores)


def shares(languages: list[str], processes: int) -> list[list[str]]:
    """The languages after the first, dealt in turn to `processes` processes: the first share is
    the parent's, which builds the first language too, so it never gets more."""
    count = max(1, min(processes, len(languages)))
    dealt: list[list[str]] = [[] for _ in range(count)]
    for index, language in enumerate(languages):
        dealt[(index + 1) % count].append(language)  # the parent's share is dealt last
    return dealt


@dataclass
class ChildBuild:
    languages: list[str]
    process: Any
    connection: Any


class ChildBuildError(Exception):
    """A language built in another process failed; its message is the child's own."""

    def __init__(self, kind: str, message: str, language: str | None = None) -> None:
        super().__init__(message if language is None else f"{message} (while building the '{language}' pages)")
        self.kind = kind


def can_fork() -> bool:
    """Fork only on Linux: macOS has it, but its system libraries (which Pango and the fonts of
    the PDFs load) are not safe in a forked child, which is why Python spawns there by default."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def forked(work: Callable[[], Any], name: str, languages: list[str]) -> ChildBuild:
    """A child process that runs `work()` and sends back what it returns, or its error with
    the language it was at (work sets `at_language[0]` as it goes)."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def run() -> None:
        receiving.close()
        quiet_pass_timings()
        try:
            sending.send(("done", work(), None))
        except BaseException as error:  # sent to the parent, which stops the build with it
            sending.send((type(error).__name__, str(error) or repr(error), at_language[0]))
        finally:
            sending.close()

    process = context.Process(target=run, name=name, daemon=True)
    process.start()
    sending.close()
    return ChildBuild(languages, process, receiving)


at_language: list[str | None] = [None]  # in a child: the language it is building


def start(share: list[str], build_language: Callable[[str], None], result: Callable[[], Any]) -> ChildBuild:
    """A child process that builds each language of its share, then sends `result()` (or its
    error) back to the parent."""
    def work() -> Any:
        for language in share:
            at_language[0] = language
            build_language(language)
        at_language[0] = None
        return result()

    return forked(work, f"build {' '.join(share)}", share)


def finish(child: ChildBuild) -> Any:
    """What the child sent once it built its languages; a ChildBuildError if one failed."""
    try:
        kind, value, language = child.connection.recv()
    except EOFError:
        kind, value, language = "ended", None, None
    child.process.join()
    child.connection.close()
    if kind == "done":
        return value
    if kind == "ended":
        raise ChildBuildError(kind, f"the process building {', '.join(child.languages) or 'a share'} ended "
                                    f"without a result (exit code {child.process.exitcode}); set {SETTING}=1 "
                                    "to build in one process and see the error")
    raise ChildBuildError(kind, value, None if kind == "Abort" else language)


def in_order(function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """[function(item) for item in items], in this process: what `mapped` does with one."""
    return [function(item) for item in items]


def mapped(function: Callable[[Any], Any], items: list[Any], processes: int,
           report: Callable[[], Any] = lambda: None, collect: Callable[[Any], None] = lambda reported: None) -> list[Any]:
    """[function(item) for item in items], the items dealt in turn to `processes` processes
    (forked, so `function` may use anything loaded), in the order of `items`: for work of many
    small pieces before the languages are built, such as the translation check of every pair.
    Each child's `report()` once its share is done goes to `collect` in the parent (what the
    child's work used of the stores)."""
    if processes <= 1 or len(items) < 2 or not can_fork():
        return in_order(function, items)
    count = min(processes, len(items))
    children = [forked(lambda index=index: (in_order(function, items[index::count]), report()),
                       f"share {index}", []) for index in range(1, count)]
    shares = [in_order(function, items[0::count])]
    failures = []
    for child in children:  # every child ends before an error stops the build
        try:
            share, reported = finish(child)
            shares.append(share)
            collect(reported)
        except ChildBuildError as error:
            failures.append(error)
    if failures:
        raise failures[0]
    found: list[Any] = [None] * len(items)
    for index, share in enumerate(shares):
        found[index::count] = share
    return found


def quiet_pass_timings() -> None:
    """Each pass would log its own 'Documentation built in …'; the i18n plugin hides those in
    its loop, and so do the children."""

    class PassTimings(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            message = record.getMessage()
            return not message.startswith(("Documentation built in", "Building documentation to directory"))

    logging.getLogger("mkdocs.commands.build").addFilter(PassTimings())

