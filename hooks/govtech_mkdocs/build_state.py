"""What one `mkdocs build` (or one `mkdocs serve` rebuild) knows, kept on that build's config.

mkdocs-static-i18n builds every language with the same config object, one
after the other; `mkdocs serve` loads a new config for each rebuild. So the
state lives on the config: shared by the languages of one build, and never
carried into the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from govtech.model import Event
from govtech.pipeline import SiteBuild, current_build
from govtech.reading.publisher import Publisher, read_publisher
from govtech_mkdocs.project_config import settings_of

_ATTRIBUTE = "govtech_build_state"


@dataclass
class BuildState:
    """The challenge files read and checked once, and what each language's build leaves for the end."""

    # Who answers for the site (`extra.publisher`), checked against the address the site is built for.
    publisher: Publisher
    site: SiteBuild
    # Each language's 404 page, as its build renders it (every language's build writes /404.html).
    not_found_pages: dict[str, str] = field(default_factory=dict)

    def event_at(self, path: str) -> Event | None:
        """The programme event described by the page at `path` (below the language root), if any."""
        return next((e for e in self.site.catalogue.events if f"{e.page}/" == path), None)


def build_state(config: MkDocsConfig) -> BuildState:
    """This build's state, made on first use: the publisher's details and the challenge files are read and checked then, once.

    Raises govtech.reading.publisher.PublisherProblem when a detail is wrong or missing for a real
    address (checked first: then nothing is built), govtech.problems.InvalidInput when any input file is wrong.
    """
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        publisher = read_publisher(config.extra.get("publisher"), site_url(config))
        state = BuildState(publisher, current_build(settings_of(config), site_url(config)))
        setattr(config, _ATTRIBUTE, state)
    return state


def site_url(config: MkDocsConfig) -> str:
    """The address the site is built for (`site_url`); the feeds, calendars and absolute links need it."""
    if config.site_url is None:
        raise Abort("mkdocs.yml sets no site_url: set it to the address the site is published at (the feeds, calendars and links need it).")
    return config.site_url
