"""ruff (lint and format) and mypy pass over hooks/ and tests/, as `make lint` and pre-commit run them (settings: pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "hooks", "tests"],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "hooks", "tests"],
    "mypy": [sys.executable, "-m", "mypy"],
}


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name", CHECKS)
def test_the_code_passes(name: str) -> None:
    result = run(CHECKS[name])
    assert result.returncode == 0, f"{name} (fix with `make format` where ruff can):\n{result.stdout}{result.stderr}"


def test_the_settings_catch_what_they_are_for(tmp_path: Path) -> None:
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
