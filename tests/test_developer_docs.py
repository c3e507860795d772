"""The README is the two commands and the map; the rest is for maintainers, in MAINTAINING.md (not on the public site)."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAINTAINING = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")


def sections(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.MULTILINE)


def test_the_readme_starts_with_the_two_commands() -> None:
    assert sections(README)[0] == "Quick start"
    quick_start = README.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL) == ["make serve\nmake test\n"]


def test_the_readme_is_short_and_keeps_the_map() -> None:
    assert len(README.split()) <= 1250
    assert "Layout" in sections(README)
    for path in ("challenges/", "hooks/govtech/", "hooks/govtech_mkdocs/", "tests/", "MAINTAINING.md"):
        assert f"| `{path}` |" in README, path


def test_what_maintainers_need_is_in_their_document_and_every_make_target_it_names_exists() -> None:
    assert {"Deploying", "CI", "The publisher", "ProperDocs", "Known risks"} <= set(sections(MAINTAINING))
    assert not {"Deploying", "The publisher", "ProperDocs", "Known risks"} & set(sections(README))
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)", README + MAINTAINING))
    assert named and named <= targets, named - targets
    assert not list((ROOT / "docs").rglob("MAINTAINING*")), "the maintainers' document is not a page of the site"
