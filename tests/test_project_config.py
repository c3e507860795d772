"""The validator reads the configuration MkDocs reads: MkDocs' own loader, in the adapter; the schemas are the project's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, copy_project

ROOT = Path(__file__).resolve().parents[1]
ATTRIBUTE_LIST = "Eksempel.\n{: .fremhaevet }\n"


def validate(project: Path, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "govtech_mkdocs.validate"], cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300
    )


def with_background(project: Path, text: str) -> None:
    """The Danish background of invoicing.yml replaced by `text`."""
    file = project / "challenges" / "invoicing.yml"
    lines = file.read_text().splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.startswith("  background: |"))
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("    ") and lines[n].strip())
    lines[start + 1 : end] = ["    " + line + "\n" for line in text.splitlines()] + ["\n"]
    file.write_text("".join(lines))


def test_a_configuration_that_inherits_its_markdown_is_checked_with_it(project: Path, tmp_path: Path) -> None:
    """mkdocs.yml holding only `INHERIT`: the validator renders texts with the inherited extensions, as the build does."""
    (project / "base.yml").write_text((project / "mkdocs.yml").read_text())
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n")
    assert validate(project).returncode == 0
    with_background(project, ATTRIBUTE_LIST)
    line = (project / "challenges" / "invoicing.yml").read_text().splitlines().index("    {: .fremhaevet }") + 1

    result = validate(project)
    built = build(project, tmp_path / "site")

    # Without attr_list (an mkdocs.yml read without its INHERIT) the line is plain text and would pass.
    assert result.returncode == 1, result.stdout
    expected = f"challenges/invoicing.yml:{line}:"
    assert any(r.startswith(expected) and "`da.background` contains an attribute list" in r for r in result.stderr.splitlines()), result.stderr
    assert built.returncode != 0 and any(r.startswith(expected) and "attribute list" in r for r in built.output.splitlines()), built.output[-3000:]


def test_a_configuration_mkdocs_refuses_is_one_line_at_its_key(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: docs", "docs_dir: pages"))
    result = validate(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("mkdocs.yml:5:1: `docs_dir`: The path '")
    assert result.stderr.splitlines()[0].endswith("correct it.")


@pytest.mark.second_venv
def test_an_installed_copy_checks_and_builds_a_project_by_its_own_schema(tmp_path: Path) -> None:
    """`pip install .` (not editable) into a fresh venv; its govtech-validate and mkdocs check and build another copy, by that copy's schemas."""
    source = copy_project(tmp_path / "source")
    for name in ("pyproject.toml", "constraints.txt"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(source / "constraints.txt"), str(source)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    where = subprocess.run([python, "-c", "import govtech, govtech_mkdocs; print(govtech.__file__)"], cwd=tmp_path, capture_output=True, text=True)
    assert where.stdout.startswith(str(venv)), where  # the installed copy, not this checkout's

    project = copy_project(tmp_path / "project")
    schema_file = project / "schema" / "challenge.schema.json"
    schema = json.loads(schema_file.read_text())
    schema["properties"]["theme"]["description"] = "The theme, as this copy of the project describes it."
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2))
    checked = subprocess.run([str(venv / "bin" / "govtech-validate")], cwd=project / "challenges", capture_output=True, text=True, timeout=300)
    assert (checked.returncode, checked.stdout) == (0, "5 challenge files checked: no problems.\n"), checked.stderr

    built = build(project, tmp_path / "site", generator=[python, "-m", "mkdocs"])
    assert built.returncode == 0, built.output[-3000:]
    assert "The theme, as this copy of the project describes it." in (built.site / "en" / "agencies" / "reference" / "index.html").read_text()
    assert json.loads((built.site / "schema" / "challenge.schema.json").read_text()) == schema

    schema["$defs"]["texts"]["properties"]["title"]["maxLength"] = 10
    schema_file.write_text(json.dumps(schema))
    refused = subprocess.run([str(venv / "bin" / "govtech-validate")], cwd=project, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1 and "the limit is 10" in refused.stderr, refused.stderr
