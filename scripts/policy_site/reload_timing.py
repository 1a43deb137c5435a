"""How long an editor waits in `scripts/build serve LANGUAGE` after saving one clause: for
scripts/benchmark (figures, never a timed test)."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from .front_matter import split_front_matter

REBUILT = re.compile(r"Reloading browsers|Aborted|Error")


def clause_line(text: str) -> int | None:
    """The index (in text.split('\\n')) of the first line of the body that is a clause's prose:
    not a heading, not a list marker, not a table row, not the front matter."""
    parsed = split_front_matter(text, "")
    if not hasattr(parsed, "body_line"):
        return None
    lines = text.split("\n")
    for index in range(parsed.body_line - 1, len(lines)):
        line = lines[index].strip()
        if len(line) > 40 and not line.startswith(("#", "|", ">", "<", "-", "*", "```")) and not line[0].isdigit():
            return index
    return None


def edited_clause(text: str, run: int) -> str:
    """The text with its first clause saved again, one space longer or shorter at the end of a
    line: a change of the text as far as the build knows (its checks, pages and PDF are made
    again), invisible to a reader."""
    index = clause_line(text)
    if index is None:
        raise ValueError("no clause of prose to edit")
    lines = text.split("\n")
    lines[index] = lines[index].rstrip() + (" " if run % 2 == 0 else "")
    return "\n".join(lines)


def reload_seconds(project: Path, language: str, text: Path, runs: int = 3,
                   extra_env: dict[str, str] | None = None) -> tuple[float, list[float]]:
    """(seconds to the first preview, seconds from each save of `text` to the browsers' reload)
    of `mkdocs serve` with only `language` built."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_SITE_ONLY_LANGUAGE": language, **(extra_env or {})}
    with socket.socket() as probe:  # a port nobody uses
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    said: list[tuple[float, str]] = []
    threading.Thread(target=lambda: said.extend((time.perf_counter(), line) for line in server.stderr),
                     daemon=True).start()

    def heard(pattern: re.Pattern, since: int, limit: float = 600) -> float:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            for moment, line in said[since:]:
                if pattern.search(line):
                    if "Aborted" in line or "Error" in line:
                        raise RuntimeError("".join(line for _, line in said[-20:]))
                    return moment
            if server.poll() is not None:
                raise RuntimeError("mkdocs serve ended:\n" + "".join(line for _, line in said[-20:]))
            time.sleep(0.02)
        raise TimeoutError(f"no rebuild within {limit} s")

    original = text.read_text(encoding="utf-8")
    try:
        first = heard(re.compile(r"Serving on"), 0) - started
        waits = []
        for run in range(runs):
            quiet(said)  # one save can set off two rebuilds: time from a server at rest
            since = len(said)
            saved = time.perf_counter()
            text.write_text(edited_clause(text.read_text(encoding="utf-8"), run), encoding="utf-8")
            waits.append(heard(REBUILT, since) - saved)
        return first, waits
    finally:
        server.terminate()
        server.wait(timeout=30)
        text.write_text(original, encoding="utf-8")


def quiet(said: list[tuple[float, str]], silence: float = 2.0, limit: float = 600) -> None:
    """Wait until the server has said nothing for `silence` seconds."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        last = said[-1][0] if said else 0.0
        if time.perf_counter() - last >= silence:
            return
        time.sleep(0.1)


def describe(language: str, text: Path, project: Path, first: float, waits: list[float]) -> str:
    return (f"live reload ({language} only), after saving one clause of {text.relative_to(project).as_posix()}: "
            f"median {statistics.median(waits):.1f} s of {len(waits)} saves "
            f"({', '.join(f'{wait:.1f}' for wait in waits)}); first preview {first:.1f} s")
