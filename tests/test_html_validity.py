"""Valid HTML: the Nu Html Checker (vnu.jar from npm, run with Java) finds no error on any page."""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    assert java, "Java is needed to run the Nu Html Checker; install a JRE (openjdk-17-jre-headless)"
    assert VNU.is_file(), "run `npm ci` (scripts/test does it)"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = sorted({f"{m.get('url', '').split(str(site))[-1]}: {m['message']}" for m in messages if m["type"] == "error"})
    assert errors == [], f"{len(errors)} errors, e.g. " + "\n".join(errors[:15])
    assert len(pages) > 150
