"""A broken challenge file stops the build with one clear line per problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.yml"))


def expectation(fixture: Path) -> tuple[int, str]:
    """The line and message a fixture's first line promises: `# expect: LINE: MESSAGE`."""
    promise = re.match(r"# expect: (\d+): (.*)", fixture.read_text().splitlines()[0])
    assert promise is not None, f"{fixture} starts with no `# expect: LINE: MESSAGE`"
    line, message = promise.groups()
    return int(line), message


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_broken_file_fails_the_build_with_the_promised_line(project: Path, tmp_path: Path, fixture: Path) -> None:
    line, message = expectation(fixture)
    (project / "challenges" / "invoicing.yml").write_text(fixture.read_text())
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the previous site")

    result = build(project, site)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    reported = [line for line in result.output.splitlines() if line.startswith("challenges/")]
    assert any(r.startswith(f"challenges/invoicing.yml:{line}:") and message in r for r in reported), result.output
    assert [p.name for p in site.iterdir()] == ["previous.html"], "nothing is written"
    assert not (project / "docs" / "challenges").exists(), "no generated page is written"


def test_every_problem_in_every_file_is_reported_at_once(project: Path, tmp_path: Path) -> None:
    for name in ("unknown-key", "wrong-type"):
        text = (Path(__file__).parent / "fixtures" / "invalid" / f"{name}.yml").read_text()
        target = "invoicing" if name == "unknown-key" else "data-ethics"
        (project / "challenges" / f"{target}.yml").write_text(text.replace("id: invoicing", f"id: {target}"))

    result = build(project, tmp_path / "site")

    assert result.returncode != 0
    assert "challenges/invoicing.yml:9:" in result.output
    assert "challenges/data-ethics.yml:23:" in result.output
