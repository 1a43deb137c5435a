"""scripts/benchmark-translations: print how the translation check does on a corpus."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from ..translation import language_id, names
from ..translation.outline import markdown_html, outline
from .corpus import Snapshot, manifest, pairs
from .scoring import outcome, score

DEFAULT_MANIFEST = Path(__file__).resolve().parents[3] / "tests" / "evaluation" / "contributor-covenant.toml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/benchmark-translations", description=__doc__)
    parser.add_argument("--corpus", required=True, type=Path, help="a git snapshot of the manifest's repository")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of the check (median)")
    args = parser.parse_args(argv)
    described = manifest(args.manifest)
    snapshot = Snapshot(args.corpus)
    wanted = described["source"]["snapshot"]
    if snapshot.git("cat-file", "-t", wanted).strip() != "commit":
        sys.exit(f"{args.corpus}: commit {wanted} of the manifest is not in this repository: fetch it.")
    start = time.perf_counter()
    found = pairs(described, snapshot)
    print(f"corpus: {described['source']['name']} ({described['source']['repository']} at {wanted[:12]}, "
          f"{described['source']['licence']}): {len(found)} pairs, read in {time.perf_counter() - start:.1f} s")
    times = []
    for _ in range(args.runs):
        for cache in (outline, markdown_html, names.runs, names.words_of, names.lower_words, language_id.classified):
            cache.cache_clear()  # cold: every text converted, every clause read anew
        start = time.perf_counter()
        outcomes = [outcome(pair) for pair in found]
        times.append(time.perf_counter() - start)
    without_history = [outcome(pair, with_history=False) for pair in found]
    print("with the earlier version in the site (as a site holds every version):")
    print("\n".join("  " + line for line in score(outcomes).lines()))
    print("content rules alone (no earlier version):")
    print("\n".join("  " + line for line in score(without_history).lines()))
    print(f"time: median {statistics.median(times):.2f} s for {len(found)} pairs over {args.runs} runs "
          f"({1000 * statistics.median(times) / max(len(found), 1):.0f} ms a pair)")
    for result in outcomes:
        wrong = (result.pair.kind == "in sync" and result.alarmed != result.pair.defect) or (
            result.pair.kind == "drift" and not result.caught_everywhere)
        if not (wrong or args.verbose):
            continue
        print(f"\n{result.pair.kind}: {result.pair.name}"
              + (f" (changed: {', '.join(result.changed)}; caught: {', '.join(result.caught) or 'none'})"
                 if result.pair.kind == "drift" else "")
              + (f" (known defect: {result.pair.reading})" if result.pair.defect else ""))
        if result.refused:
            print(f"  import refused: {result.refused}")
        for finding in result.findings:
            print("  " + str(finding).replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
