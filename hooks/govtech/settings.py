"""What the core needs to know of a project's configuration, handed to it by whoever read that configuration.

The core reads no `mkdocs.yml`: MkDocs reads it, with its own loader
(`INHERIT`, `!ENV`, `!relative`), for the build and for the commands alike
(the adapter, hooks/govtech_mkdocs/project_config.py), and hands the core
these settings. So what the validator accepts is what the build builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govtech.reading.html_safety import MarkdownTexts, frozen, site_markdown


@dataclass(frozen=True)
class ProjectSettings:
    """A project (the folder holding its configuration), its pages folder, and the Markdown its pages are rendered with."""

    root: Path
    docs_dir: Path
    # The Markdown extensions the configuration names (MkDocs' own included), and their settings in a hashable form.
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, root: Path, docs_dir: Path, extensions: list[str], configs: dict[str, Any]) -> ProjectSettings:
        """The settings from a configuration's values: the extensions' names and their settings by name."""
        return cls(root, docs_dir, tuple(extensions), tuple((name, frozen(value)) for name, value in configs.items() if value))

    @property
    def schema_dir(self) -> Path:
        """The project's own JSON Schemas: they check its files and describe them on its pages."""
        return self.root / "schema"

    @property
    def challenges_dir(self) -> Path:
        """The project's challenge files."""
        return self.root / "challenges"

    def markdown(self) -> MarkdownTexts:
        """The Markdown challenge texts are rendered with, as the project's pages are (made once per set of extensions)."""
        return site_markdown(self.markdown_extensions, self.markdown_configs)
