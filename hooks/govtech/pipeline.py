"""The whole flow for one build: YAML -> model -> pages and data files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from govtech.making.pages import render_pages
from govtech.making.site_files import site_files
from govtech.model import Catalogue
from govtech.reading.history import History, file_history, generated_page_dates, with_history
from govtech.reading.loading import load_catalogue
from govtech.settings import ProjectSettings


@dataclass(frozen=True)
class SiteBuild:
    """Everything the site derives from `challenges/` for one state of it."""

    catalogue: Catalogue
    today: date
    pages: dict[str, str]
    files: dict[str, bytes]
    # When each file of the project last changed (git), and so each generated page: for the pages' "last changed" line.
    history: History | None = None
    page_dates: dict[str, date | None] = field(default_factory=dict)


def build_date() -> date:
    """Today for the build: the day of `SOURCE_DATE_EPOCH` (UTC) when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def current_build(project: ProjectSettings, site_url: str) -> SiteBuild:
    """The build for the challenge files of `project` as they are now, published at `site_url`.

    Read and checked anew on each call: the adapter calls it once per build.
    Raises InvalidInput when any file is wrong.
    """
    challenges_dir = project.challenges_dir.resolve()
    catalogue = load_catalogue(challenges_dir, project)
    today = build_date()
    history = file_history(challenges_dir.parent, today)
    catalogue = with_history(catalogue, history)
    pages = render_pages(catalogue, today, project.schema_dir, site_url)
    files = site_files(catalogue, today, site_url, project.schema_dir)
    return SiteBuild(catalogue, today, pages, files, history, generated_page_dates(pages, catalogue, history))
