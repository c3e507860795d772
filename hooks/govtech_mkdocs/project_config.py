"""A project's configuration, read by MkDocs' own loader, handed to the core as `ProjectSettings`.

The build has MkDocs' configuration already (`settings_of`); the commands
(`govtech-validate`, `govtech-preview`) load the project's mkdocs.yml with
`mkdocs.config.load_config` (`project_settings`), so that `INHERIT`, `!ENV`,
`!relative` and every other rule of MkDocs apply to them exactly as to the build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from govtech.paths import CONFIG_FILE
from govtech.problems import InvalidInput, Problem
from govtech.settings import ProjectSettings

# MkDocs logs each configuration problem as "Config value 'KEY': MESSAGE" before it gives up.
_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<message>.*)$", re.DOTALL)
_EXTENSION = re.compile(r"Failed to load extension '(?P<name>[^']+)'")


def settings_of(config: MkDocsConfig) -> ProjectSettings:
    """What the core needs of a loaded configuration: the project folder, docs_dir, the Markdown extensions and their settings."""
    return ProjectSettings.of(Path(config.config_file_path).parent, Path(config.docs_dir), list(config.markdown_extensions), dict(config.mdx_configs))


def project_settings(root: Path) -> ProjectSettings:
    """The settings of the project in `root`, its mkdocs.yml loaded as `mkdocs build` loads it.

    Raises InvalidInput with one problem per thing MkDocs finds wrong in the configuration, at its line in mkdocs.yml where it can be found.
    """
    file = root / CONFIG_FILE
    with _logged_problems() as logged:
        try:
            config = load_config(config_file=str(file))
        except MkDocsException as err:
            raise InvalidInput(_problems(file, logged, err)) from None
    return settings_of(config)


@contextmanager
def _logged_problems() -> Iterator[list[logging.LogRecord]]:
    """The warnings and errors MkDocs logs meanwhile, collected instead of printed."""
    logger, found = logging.getLogger("mkdocs"), list[logging.LogRecord]()
    handler = logging.Handler(logging.WARNING)
    handler.emit = found.append  # type: ignore[method-assign,assignment]
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _problems(file: Path, logged: list[logging.LogRecord], err: MkDocsException) -> list[Problem]:
    """Each configuration problem MkDocs reported, as a problem of mkdocs.yml at the line of the value it is about."""
    text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
    problems = []
    for record in logged:
        match = _CONFIG_VALUE.match(record.getMessage())
        if match is None:
            continue
        key, message = match["key"], match["message"].strip()
        if key == "markdown_extensions" and (extension := _EXTENSION.search(message)):
            name, cause = extension["name"], message.splitlines()[-1].partition(": ")[2] or message.splitlines()[-1]
            problems.append(
                Problem(
                    CONFIG_FILE,
                    _line_of(text, rf"^\s*-?\s*{re.escape(name)}\s*:?\s*$"),
                    1,
                    f"the Markdown extension `{name}` that mkdocs.yml names cannot be loaded ({cause}); correct its name or its settings.",
                )
            )
        else:
            problems.append(
                Problem(CONFIG_FILE, _line_of(text, rf"^{re.escape(key)}\s*:"), 1, f"`{key}`: {' '.join(message.split()).rstrip('.')}; correct it.")
            )
    if not problems:
        # Not a value's problem: the file cannot be read (YAML) or an inherited file is missing.
        mark = getattr(err.__context__, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(CONFIG_FILE, line, column, f"mkdocs.yml cannot be read ({' '.join(str(err.format_message()).split())}); correct it."))
    return problems


def _line_of(text: str, pattern: str) -> int:
    """The first line of `text` that matches `pattern`; 1 when none does (the value comes from an inherited file or a default)."""
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1
