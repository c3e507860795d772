"""`make translations`: texts changed in one language but not the others, from the git history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHALLENGE = """id: x
da:
  title: Dansk titel
de:
  title: Deutscher Titel
en:
  title: English title
"""


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-02T12:00:00Z", "GIT_COMMITTER_DATE": "2026-01-02T12:00:00Z"}
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


def _report(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command as an editor would, from a folder inside the repository."""
    return subprocess.run(
        [sys.executable, "-m", "govtech.commands.translations", *args],
        cwd=repo / "docs",
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "false", **env},
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one page and one challenge, every language written together."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "challenges").mkdir()
    for suffix, text in (("", "Dansk"), (".de", "Deutsch"), (".en", "English")):
        (tmp_path / "docs" / f"faq{suffix}.md").write_text(f"# {text}\n")
    (tmp_path / "challenges" / "x.yml").write_text(CHALLENGE)
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, "All three languages")
    return tmp_path


def test_languages_written_together_are_in_step(repo: Path) -> None:
    result = _report(repo)
    assert result.returncode == 0
    assert result.stdout.strip() == "All languages are in step."


def test_a_page_changed_in_one_language_names_the_languages_behind(repo: Path) -> None:
    (repo / "docs" / "faq.md").write_text("# Dansk, rettet\n")
    _commit(repo, "Ret den danske side")
    result = _report(repo)
    assert result.returncode == 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    assert result.stdout.splitlines() == [
        f"warning: docs/faq.md: docs/faq.md changed in {commit} (2026-01-02: Ret den danske side); docs/faq.de.md, docs/faq.en.md not since.",
        "1 text with languages out of step.",
    ]


def test_a_page_caught_up_in_a_later_commit_is_in_step(repo: Path) -> None:
    (repo / "docs" / "faq.md").write_text("# Dansk, rettet\n")
    _commit(repo, "Danish first")
    for suffix in (".de", ".en"):
        (repo / "docs" / f"faq{suffix}.md").write_text("# updated\n")
    _commit(repo, "German and English follow")
    assert _report(repo).stdout.strip() == "All languages are in step."


def test_a_challenge_block_changed_in_one_language_is_reported_even_uncommitted(repo: Path) -> None:
    (repo / "challenges" / "x.yml").write_text(CHALLENGE.replace("English title", "A better English title"))
    result = _report(repo)
    assert "warning: challenges/x.yml: en.title changed in working tree (uncommitted: not committed yet); da.title, de.title not since." in result.stdout


def test_in_github_actions_each_finding_is_a_warning_annotation_and_never_a_failure(repo: Path) -> None:
    (repo / "docs" / "faq.de.md").write_text("# Deutsch, korrigiert\n")
    _commit(repo, "Nur Deutsch")
    result = _report(repo, GITHUB_ACTIONS="true")
    assert result.returncode == 0
    assert result.stdout.startswith("::warning file=docs/faq.md::docs/faq.md: docs/faq.de.md changed in ")


def test_the_report_names_the_field_that_changed_and_not_the_others(repo: Path) -> None:
    two_fields = CHALLENGE.replace("  title: Dansk titel\n", "  title: Dansk titel\n  background: Før\n")
    for title in ("Deutscher Titel", "English title"):
        two_fields = two_fields.replace(f"  title: {title}\n", f"  title: {title}\n  background: Before\n")
    (repo / "challenges" / "x.yml").write_text(two_fields)
    _commit(repo, "Background in every language")
    (repo / "challenges" / "x.yml").write_text(two_fields.replace("background: Før", "background: Efter"))
    _commit(repo, "Ny dansk baggrund")
    lines = _report(repo).stdout.splitlines()
    assert len(lines) == 2 and lines[-1] == "1 text with languages out of step.", lines
    assert lines[0].startswith("warning: challenges/x.yml: da.background changed in ")
    assert lines[0].endswith("(2026-01-02: Ny dansk baggrund); de.background, en.background not since.")


def test_a_challenge_in_danish_only_is_listed_until_german_and_english_come(repo: Path) -> None:
    (repo / "challenges" / "y.yml").write_text("id: y\nda:\n  title: Kun på dansk\n")
    _commit(repo, "Ny udfordring på dansk")
    assert (
        "warning: challenges/y.yml: the German and English texts are still to follow (published in Danish first); add the `de:` and `en:` blocks."
        in _report(repo).stdout
    )
    (repo / "challenges" / "y.yml").write_text("id: y\nda:\n  title: Kun på dansk\nde:\n  title: Nur Dänisch\nen:\n  title: Danish only\n")
    _commit(repo, "Translated")
    assert _report(repo).stdout.strip() == "All languages are in step."


def test_for_a_pull_request_only_the_files_it_changes_are_reported(repo: Path) -> None:
    (repo / "docs" / "faq.md").write_text("# Dansk, rettet\n")
    _commit(repo, "An old lag, before the pull request")
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    (repo / "challenges" / "x.yml").write_text(CHALLENGE.replace("Dansk titel", "Ny dansk titel"))
    _commit(repo, "The pull request's change")
    everything = _report(repo).stdout
    assert "docs/faq.md" in everything and "challenges/x.yml" in everything
    only_changed = _report(repo, "--base", base).stdout
    assert "docs/faq.md" not in only_changed
    assert "warning: challenges/x.yml: da.title changed in " in only_changed


def test_a_challenge_published_in_danish_first_is_listed_with_the_languages_to_follow(repo: Path) -> None:
    (repo / "challenges" / "y.yml").write_text("id: y\nda:\n  title: Kun på dansk\n")
    (repo / "challenges" / "z.yml").write_text("id: z\nda:\n  title: Dansk\nen:\n  title: English\n")
    _commit(repo, "Danish first")
    result = _report(repo)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "warning: challenges/y.yml: the German and English texts are still to follow (published in Danish first); add the `de:` and `en:` blocks." in lines
    assert "warning: challenges/z.yml: the German texts are still to follow (published in Danish first); add the `de:` block." in lines
    assert lines[-1] == "2 texts with languages out of step."
