"""`<!-- event:KEY -->` markers in hand-written pages: a known event's date, or nothing while it has none; any other spelling stops the build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import build
from govtech.making.markers import event_markers
from govtech.model import Event
from govtech.problems import InvalidInput

NAMES = {"da": "Seminar", "de": "Seminar", "en": "Seminar"}
UNDATED = (Event("seminar", None, "seminar", NAMES),)
DATED = (Event("seminar", date(2030, 2, 27), "seminar", NAMES), Event("demo-day", None, "seminar", NAMES))


def test_a_known_event_shows_its_date_and_an_undated_one_nothing() -> None:
    assert "2030-02-27" in event_markers("When: <!-- event:seminar -->\n", DATED, "en", "docs/seminar.en.md")
    assert event_markers("When: <!-- event:seminar -->\n", UNDATED, "en", "docs/seminar.en.md") == "When: \n"
    assert event_markers("Text without markers.\n<!-- a comment -->\n", UNDATED, "en", "docs/x.md") == "Text without markers.\n<!-- a comment -->\n"


@pytest.mark.parametrize(
    "marker",
    ["<!-- event:seminr -->", "<!-- event:Seminar -->", "<!--event: seminar-->", "<!-- EVENT:seminar -->", "<!-- event : seminar -->", "<!-- event: -->"],
)
def test_a_misspelt_or_unknown_marker_is_a_problem_at_its_line_with_the_known_markers(marker: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        event_markers(f"# Seminar\n\nWhen: {marker}\n", DATED, "en", "docs/seminar.en.md", first_line=4)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line, problem.column) == ("docs/seminar.en.md", 6, 7)
    assert "The markers are: <!-- event:demo-day -->, <!-- event:seminar -->." in problem.message
    assert ("did you mean <!-- event:seminar -->?" in problem.message) == (marker != "<!-- event: -->")


def test_a_misspelt_marker_stops_the_build_with_its_file_and_line(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "seminar.de.md"
    page.write_text(page.read_text() + "\nDatum: <!--event: seminar-->\n")
    line = len(page.read_text().splitlines())

    result = build(project, tmp_path / "site")

    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"docs/seminar.de.md:{line}:8: `<!--event: seminar-->` is not an event marker (did you mean <!-- event:seminar -->?)" in result.output
    assert "The markers are: <!-- event:seminar -->." in result.output
