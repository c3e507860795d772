"""When each source file last changed, from git: the day of the last commit that touched it.

One `git log` over the project per build gives every file's day at once.
Days are UTC, like the build date. Where git cannot say, the rule is fixed
and documented, so that the output stays reproducible:

- a file with changes not yet committed (or not yet added) changed on the
  build's day (`SOURCE_DATE_EPOCH` when set): it is being edited now;
- without git, outside a repository, or for the files whose last change lies
  beyond the history a shallow clone holds (`actions/checkout` fetches one
  commit unless told `fetch-depth: 0`), the day is not known: pages leave out
  their "last changed" line and the feed falls back to the status dates.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from govtech.model import Catalogue
from govtech.urls import is_catalogue_stem

_GIT_TIMEOUT = 60
# Separates the commits in `git log -z` output; a file name cannot hold it.
_COMMIT = "\x1e"


@dataclass(frozen=True)
class History:
    """The day each file below `root` last changed, by its path relative to `root` (with `/`)."""

    root: Path
    days: dict[str, date] = field(default_factory=dict)
    # The day of files git does not know as committed: the build date inside a full repository, else None.
    uncommitted: date | None = None

    def changed(self, path: str) -> date | None:
        """The day the file at `path` (relative to `root`) last changed, or None when that is not known."""
        if path in self.days:
            return self.days[path]
        return self.uncommitted if self.uncommitted and (self.root / path).is_file() else None

    def latest(self, paths: list[str] | tuple[str, ...]) -> date | None:
        """The last day any of `paths` changed, or None when that is known for none of them."""
        return max((day for day in map(self.changed, paths) if day), default=None)


def file_history(root: Path, today: date) -> History:
    """The history of the files below `root`, read with three git calls whatever the number of files."""
    root = root.resolve()
    try:
        shallow = git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
        dirty = set(git(root, "diff", "HEAD", "--name-only", "--no-renames", "--relative", "-z").split("\0"))
        log = git(root, "log", f"--format={_COMMIT}%ct %P", "-z", "--name-only", "--no-renames", "--relative", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return History(root)  # no git, no repository, or no commit yet
    days: dict[str, date] = {}
    for commit in log.split(_COMMIT)[1:]:
        header, _, names = commit.partition("\0")
        stamp, *parents = header.split()
        if shallow and not parents:
            continue  # the cut-off commit of a shallow clone lists every file as new
        day = datetime.fromtimestamp(int(stamp), UTC).date()
        for name in names.strip("\n").split("\0"):
            if name and name not in dirty:
                days.setdefault(name, day)  # newest commit first
    return History(root, days, None if shallow else today)


def with_history(catalogue: Catalogue, history: History) -> Catalogue:
    """`catalogue` with the day each challenge's file last changed."""
    return replace(catalogue, challenges=tuple(replace(c, changed=history.changed(challenge_source(history.root, c.id))) for c in catalogue.challenges))


def generated_page_dates(pages: Iterable[str], catalogue: Catalogue, history: History) -> dict[str, date | None]:
    """When the content of each generated page (by its path in docs/, as render_pages names them) last changed.

    A challenge's page changes with its file; the catalogue (each of its pages) with any
    challenge file; the field reference with the challenge schema.
    """
    by_id = {c.id: c.changed for c in catalogue.challenges}
    latest = max((day for day in by_id.values() if day), default=None)
    schema_day = history.changed("schema/challenge.schema.json")
    dates: dict[str, date | None] = {}
    for path in pages:
        folder, _, name = path.rpartition("/")
        stem = name.split(".")[0]
        if folder == "challenges":
            dates[path] = latest if is_catalogue_stem(stem) else by_id.get(stem)
        else:
            dates[path] = schema_day
    return dates


def page_changed(src_uri: str, generated: dict[str, date | None], history: History, docs_dir: str = "docs") -> date | None:
    """When the content of the page made from `src_uri` (its path in docs/) last changed, or None when that is not known."""
    return generated[src_uri] if src_uri in generated else history.changed(f"{docs_dir}/{src_uri}")


def challenge_source(root: Path, challenge_id: str) -> str:
    """The path (relative to the project `root`) of the file that defines the challenge `challenge_id`."""
    yml = f"challenges/{challenge_id}.yml"
    yaml = f"challenges/{challenge_id}.yaml"
    return yaml if not (root / yml).exists() and (root / yaml).exists() else yml


def git(root: Path, *args: str) -> str:
    """The output of `git args` run in `root`; raises CalledProcessError when git fails."""
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=_GIT_TIMEOUT,
        env={**os.environ, "LC_ALL": "C"},
    ).stdout
