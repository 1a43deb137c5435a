"""The layers a reader can rely on: the rules and `policy-site` never import the MkDocs plugin,
and the plain modules import nothing of MkDocs at all."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after_importing(module: str) -> set[str]:
    shown = subprocess.run([sys.executable, "-c", f"import sys, {module}; print(' '.join(sys.modules))"],
                           capture_output=True, text=True, check=True)
    return set(shown.stdout.split())


def test_the_command_line_tool_does_not_import_the_plugin():
    loaded = modules_after_importing("policy_site.cli")
    assert "policy_site.cli" in loaded
    assert "policy_site.mkdocs_plugin.plugin" not in loaded


@pytest.mark.parametrize("module", ["policy_site.parallel", "policy_site.checks.site", "policy_site.translation.check",
                                    "policy_site.theme.contract", "policy_site.stores",
                                    "policy_site.site_model.model", "policy_site.site_model.language"])
def test_a_plain_module_imports_nothing_of_mkdocs(module):
    loaded = modules_after_importing(module)
    assert module in loaded
    assert not {name for name in loaded if name == "mkdocs" or name.startswith("mkdocs.")}
