"""One state per build: the core knows nothing of MkDocs, the adapter keeps no state between builds."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from unittest import mock

import pytest

from built_pages import LANGUAGES, page, prefix, text
from editing import retitle

ROOT = Path(__file__).resolve().parents[1]
ENGINE_PACKAGES = {"mkdocs", "material", "mkdocs_static_i18n", "properdocs"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / "hooks" / package).rglob("*.py"))


@pytest.mark.parametrize("module", _modules("govtech"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_core_imports_nothing_from_the_site_engine(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert not {name.split(".")[0] for name in imported} & ENGINE_PACKAGES


@pytest.mark.parametrize("module", _modules("govtech_mkdocs"), ids=lambda p: p.name)
def test_no_adapter_module_keeps_a_mutable_global(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    found = [
        ast.unparse(node)
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and isinstance(node.value, mutable)
        or isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func) in {"dict", "list", "set", "defaultdict"}
    ]
    assert found == []


def test_each_build_reads_the_challenges_once_and_sees_its_own_files(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds in one process, as `mkdocs serve` runs them: each reads the files once, the second sees the edit."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import govtech.pipeline

    monkeypatch.chdir(project)
    monkeypatch.setitem(os.environ, "NO_MKDOCS_2_WARNING", "1")
    titles = {"da": "Anden titel", "de": "Zweiter Titel", "en": "Second title"}
    with mock.patch.object(govtech.pipeline, "load_catalogue", wraps=govtech.pipeline.load_catalogue) as reads:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "one")))
        assert reads.call_count == 1
        retitle(project / "challenges" / "invoicing.yml", titles)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "two")))
        assert reads.call_count == 2
    for lang in LANGUAGES:
        h1 = page(tmp_path / "two", f"{prefix(lang)}challenges/invoicing/").cssselect("article h1")[0]
        assert text(h1) == titles[lang]
        assert page(tmp_path / "two", f"{prefix(lang)}404.html").get("lang") == lang
