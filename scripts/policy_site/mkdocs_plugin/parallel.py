"""Languages built in parallel processes, each pass as mkdocs-static-i18n would run it.

The i18n plugin builds the first language, then every other one in turn from its post_build
event. Once the sources are read and checked, before the first language is built, the build
forks: each child process runs that loop over its share of the languages, into the same site
folder (each language has its own folder; the theme's files they all write are the same bytes).
The parent builds the first language and its share, waits for the children, and only then
writes what spans every language (root pages, versions.json, the CSP), so the site is the same,
byte for byte, as a build in one process (tests/test_parallel_build.py).

Fork, not spawn: a child starts from everything the parent has loaded and checked, so no
language pays for reading and checking the sources again. Where fork is missing (Windows), the
build runs in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
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
    return "fork" in multiprocessing.get_all_start_methods()


def start(share: list[str], build_language: Callable[[str], None], result: Callable[[], Any]) -> ChildBuild:
    """A child process that builds each language of its share, then sends `result()` (or its
    error) back to the parent."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def run() -> None:
        receiving.close()
        quiet_pass_timings()
        language = None
        try:
            for language in share:
                build_language(language)
            sending.send(("done", result(), None))
        except BaseException as error:  # sent to the parent, which stops the build with it
            sending.send((type(error).__name__, str(error) or repr(error), language))
        finally:
            sending.close()

    process = context.Process(target=run, name=f"build {' '.join(share)}", daemon=True)
    process.start()
    sending.close()
    return ChildBuild(share, process, receiving)


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
        raise ChildBuildError(kind, f"the process building {', '.join(child.languages)} ended without a "
                                    f"result (exit code {child.process.exitcode}); set {SETTING}=1 to "
                                    "build in one process and see the error")
    raise ChildBuildError(kind, value, None if kind == "Abort" else language)


def quiet_pass_timings() -> None:
    """Each pass would log its own 'Documentation built in …'; the i18n plugin hides those in
    its loop, and so do the children."""

    class PassTimings(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            message = record.getMessage()
            return not message.startswith(("Documentation built in", "Building documentation to directory"))

    logging.getLogger("mkdocs.commands.build").addFilter(PassTimings())
