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


def _report(repo: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command as an editor would, from a folder inside the repository."""
    return subprocess.run(
        [sys.executable, "-m", "govtech.commands.translations"],
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
    assert "warning: docs/faq.md: changed since the languages were last changed together (da in " in result.stdout
    assert "Ret den danske side" in result.stdout
    assert result.stdout.rstrip().endswith("1 text with languages out of step.")
    assert "check the German, English text." in result.stdout


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
    assert "challenges/x.yml: changed since the languages were last changed together (en in working tree" in result.stdout
    assert "check the Danish, German text." in result.stdout


def test_in_github_actions_each_finding_is_a_warning_annotation_and_never_a_failure(repo: Path) -> None:
    (repo / "docs" / "faq.de.md").write_text("# Deutsch, korrigiert\n")
    _commit(repo, "Nur Deutsch")
    result = _report(repo, GITHUB_ACTIONS="true")
    assert result.returncode == 0
    assert result.stdout.startswith("::warning file=docs/faq.md::docs/faq.md: changed since")


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
