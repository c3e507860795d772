"""The linters' settings catch what they are for.

`make lint` runs ruff (lint and format) and mypy over hooks/ and tests/ and
ESLint over the scripts, once per `make test` (and pre-commit runs ruff);
this checks that the project's settings (pyproject.toml, eslint.config.mjs)
would fail on the mistakes they are there to catch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_the_python_settings_catch_what_they_are_for(tmp_path: Path) -> None:
    """The project's settings, on a file with an unused import, an `l`, a loop variable bound late and a wrong type."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / "hooks").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_sample.py").write_text('"""Nothing to find here."""\n')
    (tmp_path / "hooks" / "sample.py").write_text(
        "import os\n\n\ndef f() -> list:\n    l = [lambda: i for i in range(3)]\n    return l\n\n\ndef g() -> int:\n    return 'text'\n"
    )
    lint = run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "hooks"], tmp_path)
    assert {code for code in ("F401", "E741", "B023") if code in lint.stdout} == {"F401", "E741", "B023"}, lint.stdout
    types = run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / ".mypy_cache")], tmp_path)
    assert types.returncode == 1 and 'Incompatible return value type (got "str", expected "int")' in types.stdout, types.stdout


def test_the_script_settings_hold_the_site_scripts_to_one_modern_style(tmp_path: Path, node: str) -> None:
    """ESLint with eslint.config.mjs, on a script in docs/assets/ written the old way, with a global and an undefined name."""
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "eslint.config.mjs").write_text((ROOT / "eslint.config.mjs").read_text())
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "docs" / "assets" / "old.js").write_text("var count = 0;\n[1, 2].forEach(function (n) { if (n == 2) count += n; });\nundefinedName();\n")
    result = run([node, str(ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"), "--format", "json", "docs/assets"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    rules = {message["ruleId"] for message in json.loads(result.stdout)[0]["messages"]}
    assert {"no-var", "prefer-arrow-callback", "eqeqeq", "no-undef", "no-implicit-globals"} <= rules, rules
