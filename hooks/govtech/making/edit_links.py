"""Where a page's source is edited: GitHub's web editor, for the repository the publisher names.

The repository's address is set in one place, `extra.publisher.repository`
in mkdocs.yml (checked by `publisher`); without it, no page links to an
editor. A hand-written page links to its own file in its own language
(`docs/faq.de.md` for the German questions and answers), a challenge page to
the challenge's YAML file; the other generated pages (the catalogue, the
field reference, the challenge form) have no source to edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from govtech.paths import GENERATED_DIRS
from govtech.reading.history import challenge_source
from govtech.urls import challenge_id

# The branch the site is published from (.github/workflows/deploy.yml), so the branch an edit is proposed to.
BRANCH = "main"


def editor_urls(repository: str | None) -> tuple[str, str] | None:
    """The addresses that open GitHub's web editor on the published branch, for an existing file and for a new one.

    `(…/edit/main/, …/new/main)`: a file's path follows the first; `?filename=…&value=…` the second.
    None without a repository.
    """
    if not repository:
        return None
    root = repository.rstrip("/").removesuffix(".git")
    return f"{root}/edit/{BRANCH}/", f"{root}/new/{BRANCH}"


def source_file(src_uri: str, docs_dir: str, project_dir: Path) -> str | None:
    """The file (relative to the project) a page is written in, or None for a page the build makes from nothing an editor should touch.

    `src_uri` is the page's path in docs/ (`faq.de.md`, `challenges/invoicing.de.md`),
    `docs_dir` the docs folder relative to the project.
    """
    if (challenge := challenge_id(src_uri)) is not None:
        return challenge_source(project_dir, challenge)
    if any(src_uri.startswith(f"{generated}/") for generated in GENERATED_DIRS):
        return None
    return f"{docs_dir.strip('/')}/{src_uri}"


def edit_url(repository: str | None, path: str | None) -> str | None:
    """The address of GitHub's web editor on the file at `path` (relative to the project), or None."""
    urls = editor_urls(repository)
    if urls is None or path is None:
        return None
    return urls[0] + quote(path)


def edit_label(src_uri: str, strings: dict[str, Any]) -> str:
    """What the link to the editor says, in the language of `strings`: "edit this challenge" or "edit this page"."""
    return strings["edit"]["page" if challenge_id(src_uri) is None else "challenge"]
