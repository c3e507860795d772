"""Write generated files only when their content changes.

`mkdocs serve` watches `docs/`; rewriting an unchanged page there would start
another rebuild, for ever. Each file is replaced atomically, so an
interrupted build never leaves a half-written page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def sync_generated(docs_dir: Path, owned_dirs: tuple[str, ...], files: dict[str, str]) -> list[str]:
    """Make each owned folder of `docs_dir` hold exactly its part of `files` ({path: text})."""
    changed = []
    for owned in owned_dirs:
        prefix = owned + "/"
        part = {path[len(prefix) :]: text for path, text in files.items() if path.startswith(prefix) and "/" not in path[len(prefix) :]}
        changed += [prefix + name for name in sync_directory(docs_dir / owned, part)]
    return changed


def sync_directory(directory: Path, files: dict[str, str]) -> list[str]:
    """Make `directory` hold exactly `files` ({name: text}); return the names written or removed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in files.items():
        if write_if_changed(directory / name, text):
            changed.append(name)
    for stale in sorted(directory.iterdir()):
        if stale.is_file() and stale.name not in files:
            stale.unlink()
            changed.append(stale.name)
    return changed


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Replace `path` with `content` atomically unless it already holds it; True if written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a web server must read it
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True
