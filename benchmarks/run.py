"""The site's benchmarks: `make bench` (not part of `make test`).

    .venv/bin/python benchmarks/run.py                 # everything, N = 10, 100, 1,000, 3 runs
    .venv/bin/python benchmarks/run.py --quick         # N = 10, 100, one run: for development
    .venv/bin/python benchmarks/run.py --sizes 10,100 --runs 3 --skip profile,edit

Prints one table and writes the same figures to bench-results.json at the
project root (after every stage, so that an interrupted run keeps what it
measured). Every build runs on a temporary copy of the project; nothing in
the working tree is changed.

1. Scale: N synthetic challenges (benchmarks/synthetic.py) beside the five
   real ones, all three languages built; median of the runs.
2. Hook overhead: the same site as plain Markdown without hooks, built side
   by side with the hooks build in the same run (alternating order).
3. Linearity: ms per page at the largest N against N = 100; the HTML of one
   challenge page at the largest N against the smallest.
4. Validation of 1,000 files: `govtech-validate` as a user runs it, and in
   one warm process with the time per stage.
5. Edit loop: `mkdocs serve` on a copy of the real site; from saving a
   challenge file (and a Markdown page) to the changed page being served.
6. Page weight: a first visit in Chromium, every response gzip-compressed.
Profile: cProfile of one in-process build at the largest N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import page_weight  # noqa: E402
import synthetic  # noqa: E402
from editing import retitle  # noqa: E402  (shared with the tests)
from local_server import fetch, free_port, wait_for  # noqa: E402  (shared with the tests)

PY = sys.executable
PROJECT_PARTS = ["mkdocs.yml", "challenges", "docs", "hooks", "schema", "overrides"]
GENERATED_DIRS = ("docs/challenges", "docs/agencies/reference")
LANGUAGES = ("da", "de", "en")
# A fixed build day (2026-01-15, UTC), so that every build shows the same statuses and dates.
SOURCE_DATE_EPOCH = "1768435200"
BUILD_DAY = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.timezone.utc).date()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("SITE_URL", None)

TARGETS = {
    "hook_overhead_ratio_max": 1.10,
    "ms_per_page_ratio_max": 1.2,
    "validation_1000_files_s_max": 1.0,
    "edit_challenge_s_max": 2.0,
    "page_weight_gzip_kb_max": 100.0,
}


class BenchError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- projects


def copy_project(target: Path, challenges: bool = True) -> Path:
    """A copy of the project's sources in `target`, without generated files."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if part == "challenges" and not challenges:
            (target / part).mkdir()
            for file in source.glob("_*"):
                shutil.copy(file, target / part / file.name)
        elif source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", ".generated"))
        else:
            shutil.copy(source, target / part)
    for generated in GENERATED_DIRS:
        shutil.rmtree(target / generated, ignore_errors=True)
    return target


def synthetic_pool(workdir: Path, n: int) -> Path:
    """A folder with synthetic challenges bench-0001 … bench-<n> (each file depends only on its number)."""
    pool = workdir / "pool"
    pool.mkdir(exist_ok=True)
    have = len(list(pool.glob("bench-*.yml")))
    if have < n:
        start = time.perf_counter()
        for file in pool.glob("bench-*.yml"):
            file.unlink()
        synthetic.write_challenges(ROOT, pool, n, BUILD_DAY)
        log(f"wrote {n} synthetic challenges in {time.perf_counter() - start:.1f} s")
    return pool


def hooks_project(workdir: Path, pool: Path, n: int) -> Path:
    """A copy of the project with the five real challenges and synthetic ones 1 … n."""
    project = copy_project(workdir / f"hooks-{n}")
    for index in range(1, n + 1):
        name = f"bench-{index:04d}.yml"
        shutil.copy(pool / name, project / "challenges" / name)
    return project


def plain_project(workdir: Path, hooks: Path, n: int) -> Path:
    """The same site with no hooks: the Markdown the hooks generate, kept as ordinary pages.

    The Markdown comes from the hooks' own code (`govtech.pipeline.current_build`
    and `sync_generated`, as `on_config` runs them). The template context the
    hooks add (interface texts, alternates, language root, structured data)
    and the chrome they translate (site name, navigation labels) are given by
    `mkdocs.yml` and a prelude in `overrides/main.html`, so that MkDocs,
    Material and mkdocs-static-i18n render the same pages with the same
    templates; what is left out is exactly the hooks' work, including the
    files they write in `on_post_build`.
    """
    project = workdir / f"plain-{n}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(hooks, project, ignore=shutil.ignore_patterns("site", "__pycache__"))
    script = (
        "import sys, pathlib\n"
        "sys.path.insert(0, 'hooks')\n"
        "from govtech.generated_files import sync_generated\n"
        "from govtech.pipeline import current_build\n"
        "from govtech.rendering import GENERATED_DIRS\n"
        "build = current_build(pathlib.Path('challenges'), 'http://127.0.0.1:8000/')\n"
        "sync_generated(pathlib.Path('docs'), GENERATED_DIRS, build.pages)\n"
    )
    subprocess.run([PY, "-c", script], cwd=project, env=ENV, check=True)
    for marker in project.glob("docs/**/.generated"):
        marker.unlink()

    import yaml

    strings = {lang: yaml.safe_load((project / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, removed = re.subn(r"^hooks:[ \t]*\n(?:[ \t]+-.*\n)+", "", config, flags=re.MULTILINE)
    if not removed:
        raise BenchError("mkdocs.yml has no `hooks:` list to remove for the plain build")

    def chrome(match: re.Match) -> str:
        lang, indent = match.group(2), match.group(1) + "  "
        s = strings[lang]
        return (
            match.group(0)
            + f"\n{indent}site_name: {json.dumps(s['site_name'], ensure_ascii=False)}"
            + f"\n{indent}site_description: {json.dumps(s['site_description'], ensure_ascii=False)}"
            + f"\n{indent}nav_translations: {json.dumps(s['nav'], ensure_ascii=False)}"
        )

    config = re.sub(r"^(\s*)- locale: (\w+)[ \t]*$", chrome, config, flags=re.MULTILINE)
    ui = json.dumps(strings, ensure_ascii=False)
    if re.search(r"^extra:", config, flags=re.MULTILINE):
        config = re.sub(r"^extra:[ \t]*\n", f"extra:\n  bench_ui: {ui}\n", config, count=1, flags=re.MULTILINE)
    else:
        config += f"\nextra:\n  bench_ui: {ui}\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    prelude = """{#- benchmark: the context hooks/govtech_mkdocs/hooks.py would add, made in the template. -#}
{%- set _lang = config.theme.language -%}
{%- set s = config.extra.bench_ui[_lang] -%}
{%- set language_root = (base_url.rstrip("/") ~ "/" ~ _lang ~ "/") if _lang != "da" else base_url -%}
{%- set feed_url = language_root.rstrip("/") ~ "/feed/atom.xml" -%}
{%- set footer_links = [(s.footer.accessibility, language_root.rstrip("/") ~ "/accessibility/"), (s.footer.privacy, language_root.rstrip("/") ~ "/privacy/")] -%}
{%- set alternates = [] -%}
{%- if page and page.file and page.file.alternates -%}
{%- for other in ["da", "de", "en"] if other in page.file.alternates -%}
{%- set _ = alternates.append({"lang": other, "url": config.site_url.rstrip("/") ~ "/" ~ page.file.alternates[other].url}) -%}
{%- endfor -%}
{%- endif -%}
{%- set _title = (page.meta.title if page and page.meta and page.meta.title else (page.title if page and page.title else config.site_name)) -%}
{%- set structured_data = {"@context": "https://schema.org", "@type": "WebPage", "name": _title,
    "description": (page.meta.description if page and page.meta and page.meta.description else config.site_description),
    "inLanguage": _lang, "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": config.site_url},
    "url": (page.canonical_url if page else none)} -%}
"""
    main = project / "overrides" / "main.html"
    main.write_text(prelude + main.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def count_pages(project: Path) -> int:
    """Markdown pages MkDocs builds (every language), once the generated pages exist."""
    return sum(1 for _ in (project / "docs").rglob("*.md"))


# --------------------------------------------------------------------------- builds


def run_build(project: Path, site: Path, logfile: Path, clean_generated: bool) -> dict[str, float]:
    """One `mkdocs build --strict` in a fresh process: wall seconds and peak RSS of that process."""
    shutil.rmtree(site, ignore_errors=True)
    if clean_generated:
        # As on a fresh checkout (and in CI): the hooks write every generated page.
        for generated in GENERATED_DIRS:
            shutil.rmtree(project / generated, ignore_errors=True)
    with open(logfile, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = logfile.read_text(errors="replace")[-3000:]
        raise BenchError(f"`mkdocs build` failed in {project} (exit {process.returncode}):\n{tail}")
    return {"s": wall, "peak_rss_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}


def tree_bytes(path: Path, exclude: tuple[Path, ...] = ()) -> int:
    total = 0
    for file in path.rglob("*"):
        if file.is_file() and not any(file.is_relative_to(e) for e in exclude):
            total += file.stat().st_size
    return total


def site_figures(site: Path) -> dict[str, Any]:
    """Sizes of a built site: total, per language, search index per language, sample pages."""
    de, en = site / "de", site / "en"
    per_language = {"da": tree_bytes(site, (de, en)), "de": tree_bytes(de), "en": tree_bytes(en)}
    def size(path: str) -> int | None:
        file = site / path
        return file.stat().st_size if file.exists() else None

    # Without the hooks, the one index at the root holds every language.
    index = {lang: size(f"{'' if lang == 'da' else lang + '/'}search/search_index.json") for lang in LANGUAGES}

    return {
        "site_bytes": sum(per_language.values()),
        "site_bytes_per_language": per_language,
        "search_index_bytes": index,
        "html_files": sum(1 for _ in site.rglob("*.html")),
        "files": sum(1 for f in site.rglob("*") if f.is_file()),
        "catalogue_html_bytes": {lang: size(f"{'' if lang == 'da' else lang + '/'}challenges/index.html") for lang in LANGUAGES},
        "challenge_html_bytes": {
            "bench-0001": {lang: size(f"{'' if lang == 'da' else lang + '/'}challenges/bench-0001/index.html") for lang in LANGUAGES},
            "invoicing": {lang: size(f"{'' if lang == 'da' else lang + '/'}challenges/invoicing/index.html") for lang in LANGUAGES},
        },
    }


def bench_scale(workdir: Path, sizes: list[int], runs: int, results: dict, save: Callable[[], None]) -> None:
    pool = synthetic_pool(workdir, max(sizes))
    results["scale"] = {}
    for n in sizes:
        hooks = hooks_project(workdir, pool, n)
        log(f"N={n}: validating the synthetic challenges")
        check = subprocess.run([str(Path(PY).with_name("govtech-validate")), "--dir", str(hooks / "challenges")], env=ENV, capture_output=True, text=True)
        if check.returncode != 0:
            raise BenchError(f"synthetic challenges are invalid:\n{check.stderr[-3000:]}")
        plain = plain_project(workdir, hooks, n)
        pages = count_pages(plain)
        timings: dict[str, list[dict[str, float]]] = {"hooks": [], "plain": []}
        for run in range(runs):
            # Side by side, alternating which goes first, so that drift in the machine's load hits both.
            order = ("hooks", "plain") if run % 2 == 0 else ("plain", "hooks")
            for variant in order:
                project = hooks if variant == "hooks" else plain
                result = run_build(project, workdir / f"site-{variant}-{n}", workdir / f"build-{variant}-{n}.log", clean_generated=variant == "hooks")
                timings[variant].append(result)
                log(f"N={n} run {run + 1}/{runs} {variant}: {result['s']:.2f} s, {result['peak_rss_mb']:.0f} MB")
        median = {v: statistics.median(r["s"] for r in timings[v]) for v in timings}
        # The ratio of each run's pair, and its median: the pairs ran under the same load.
        pair_ratios = [h["s"] / p["s"] for h, p in zip(timings["hooks"], timings["plain"])]
        figures = site_figures(workdir / f"site-hooks-{n}")
        plain_figures = site_figures(workdir / f"site-plain-{n}")
        results["scale"][str(n)] = {
            "synthetic_challenges": n,
            "challenges": len(list((hooks / "challenges").glob("[!_]*.yml"))),
            "pages": pages,
            "runs": runs,
            "hooks_s": [r["s"] for r in timings["hooks"]],
            "plain_s": [r["s"] for r in timings["plain"]],
            "hooks_cpu_s": [r["cpu_s"] for r in timings["hooks"]],
            "plain_cpu_s": [r["cpu_s"] for r in timings["plain"]],
            "median_build_s": median["hooks"],
            "median_plain_s": median["plain"],
            "ms_per_page": 1000 * median["hooks"] / pages,
            "plain_ms_per_page": 1000 * median["plain"] / pages,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in timings["hooks"]),
            "plain_peak_rss_mb": max(r["peak_rss_mb"] for r in timings["plain"]),
            "hooks_over_plain": median["hooks"] / median["plain"],
            "hooks_over_plain_pairs": pair_ratios,
            "hooks_over_plain_pairs_median": statistics.median(pair_ratios),
            **figures,
            "plain_site_bytes": plain_figures["site_bytes"],
            "plain_search_index_bytes": plain_figures["search_index_bytes"],
            "plain_challenge_html_bytes": plain_figures["challenge_html_bytes"],
        }
        save()
        shutil.rmtree(workdir / f"site-plain-{n}", ignore_errors=True)
        if n != max(sizes):
            shutil.rmtree(workdir / f"site-hooks-{n}", ignore_errors=True)


# --------------------------------------------------------------------------- validation


def bench_validation(workdir: Path, runs: int, results: dict, save: Callable[[], None]) -> None:
    pool = synthetic_pool(workdir, 1000)
    # A project copy (files such as _events.yml refer to pages in docs/) with only the synthetic challenges.
    folder = copy_project(workdir / "validate-1000", challenges=False) / "challenges"
    for index in range(1, 1001):
        shutil.copy(pool / f"bench-{index:04d}.yml", folder / f"bench-{index:04d}.yml")
    cli = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        done = subprocess.run([str(Path(PY).with_name("govtech-validate")), "--dir", str(folder)], env=ENV, capture_output=True, text=True)
        cli.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise BenchError(f"govtech-validate failed:\n{done.stderr[-2000:]}")
    warm = json.loads(subprocess.run([PY, str(HERE / "validation_timing.py"), str(folder), str(max(runs, 3))], env=ENV, capture_output=True, text=True, check=True).stdout)
    results["validation"] = {
        "files": 1000,
        "cli_s": cli,
        "cli_median_s": statistics.median(cli),
        "in_process_median_s": statistics.median(warm["runs_s"]),
        "in_process_runs_s": warm["runs_s"],
        "import_s": warm["import_s"],
        "stages_s": warm["stages_s"],
        "text_patterns_s": warm["text_patterns_s"],
    }
    log(f"validation of 1,000 files: {statistics.median(cli):.2f} s (govtech-validate), {results['validation']['in_process_median_s']:.2f} s in process")
    save()


# --------------------------------------------------------------------------- edit loop


def settle(logfile: Path, quiet: float = 2.0, timeout: float = 12) -> bool:
    """Wait until the server's log has been quiet for `quiet` seconds (no rebuild running or queued); False if it never was."""
    deadline = time.monotonic() + timeout
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = logfile.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return True
        time.sleep(0.1)
    return False


def builds_logged(logfile: Path) -> int:
    return logfile.read_text(errors="replace").count("Documentation built")


def bench_edit_loop(workdir: Path, edits: int, results: dict, save: Callable[[], None]) -> None:
    project = copy_project(workdir / "serve")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    logfile = workdir / "serve.log"
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    out = open(logfile, "wb")
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    figures: dict[str, Any] = {"edits": edits, "challenge_s": [], "challenge_da_s": [], "markdown_s": [], "rebuilds_logged": [], "settled_after_edit": []}
    try:
        start = time.perf_counter()
        wait_for(lambda: fetch(base + "en/challenges/invoicing/"), 300, "mkdocs serve to start")
        figures["startup_s"] = time.perf_counter() - start
        figures["settled_after_start"] = settle(logfile)
        challenge = project / "challenges" / "invoicing.yml"
        for edit in range(edits):
            token = secrets.token_hex(3)
            titles = {lang: f"Benchmark {lang} {edit + 1} {token}" for lang in LANGUAGES}
            before = builds_logged(logfile)
            start = time.perf_counter()
            retitle(challenge, titles)
            seen: dict[str, float] = {}
            deadline = time.monotonic() + 120
            while len(seen) < len(LANGUAGES) and time.monotonic() < deadline:
                for lang in LANGUAGES:
                    if lang not in seen and titles[lang] in (fetch(f"{base}{'' if lang == 'da' else lang + '/'}challenges/invoicing/") or ""):
                        seen[lang] = time.perf_counter() - start
                time.sleep(0.02)
            if len(seen) < len(LANGUAGES):
                raise BenchError("the edited challenge was not served within 120 s")
            figures["challenge_s"].append(max(seen.values()))
            figures["challenge_da_s"].append(seen["da"])
            figures["settled_after_edit"].append(settle(logfile))
            figures["rebuilds_logged"].append(builds_logged(logfile) - before)
            log(f"edit loop: challenge edit {edit + 1} served after {max(seen.values()):.2f} s")
        about = project / "docs" / "about.md"
        for edit in range(edits):
            token = f"Benchmark {edit + 1} {secrets.token_hex(3)}"
            text = about.read_text(encoding="utf-8")
            start = time.perf_counter()
            about.write_text(re.sub(r"^# .*$", f"# {token}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
            wait_for(lambda: token in (fetch(base + "about/") or ""), 120, "the edited Markdown page")
            figures["markdown_s"].append(time.perf_counter() - start)
            figures["settled_after_edit"].append(settle(logfile))
            log(f"edit loop: Markdown edit {edit + 1} served after {figures['markdown_s'][-1]:.2f} s")
        # Nothing is saved now: a server that still rebuilds is rebuilding in a loop.
        before = builds_logged(logfile)
        time.sleep(10)
        figures["rebuilds_in_10_s_idle"] = builds_logged(logfile) - before
        if figures["rebuilds_in_10_s_idle"]:
            log(f"edit loop: mkdocs serve rebuilt {figures['rebuilds_in_10_s_idle']} times in 10 s with nothing edited: a rebuild loop")
        figures["challenge_median_s"] = statistics.median(figures["challenge_s"])
        figures["challenge_da_median_s"] = statistics.median(figures["challenge_da_s"])
        figures["markdown_median_s"] = statistics.median(figures["markdown_s"])
        figures["build_times_logged_s"] = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", logfile.read_text(errors="replace"))]
        figures["server_alive"] = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        out.close()
    results["edit_loop"] = figures
    save()


# --------------------------------------------------------------------------- page weight


def bench_page_weight(workdir: Path, results: dict, save: Callable[[], None], large_site: Path | None, large_n: int | None) -> None:
    project = copy_project(workdir / "weight")
    site = workdir / "site-weight"
    run_build(project, site, workdir / "build-weight.log", clean_generated=True)
    pages = {"home": "", "catalogue": "challenges/", "challenge": "challenges/invoicing/"}
    real = page_weight.weigh(site, list(pages.values()))
    results["page_weight"] = {"real": {name: real[path] for name, path in pages.items()}}
    if large_site is not None and large_site.exists():
        large_pages = {"home": "", "catalogue": "challenges/", "challenge": "challenges/bench-0001/"}
        large = page_weight.weigh(large_site, list(large_pages.values()))
        results["page_weight"][f"n{large_n}"] = {name: large[path] for name, path in large_pages.items()}
    save()


# --------------------------------------------------------------------------- profile


PACKAGES = [
    ("our hooks (govtech_mkdocs, govtech)", ("/govtech_mkdocs/", "/govtech/")),
    ("Markdown (markdown, pymdownx)", ("/markdown/", "/pymdownx/")),
    ("Jinja (templates and runtime)", ("/jinja2/", "/templates/", "/overrides/", ".html")),
    ("mkdocs-static-i18n", ("/mkdocs_static_i18n/",)),
    ("search (Material, MkDocs)", ("/material/plugins/search/", "/mkdocs/contrib/search/")),
    ("Material (other)", ("/material/",)),
    ("MkDocs core", ("/mkdocs/",)),
    ("PyYAML", ("/yaml/",)),
    ("icalendar", ("/icalendar/",)),
    ("Babel", ("/babel/",)),
    ("JSON Schema (fastjsonschema, jsonschema)", ("/fastjsonschema/", "/jsonschema", "<string>")),
    ("MarkupSafe", ("/markupsafe/",)),
    ("Python standard library", ("/lib/python3",)),
]


def _package(filename: str) -> str:
    for name, needles in PACKAGES:
        if any(n in filename for n in needles):
            return name
    return "other"


def _label(func: tuple) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    parts = Path(filename).parts
    short = "/".join(parts[-2:]) if len(parts) > 1 else filename
    return f"{short}:{line}({name})"


def analyse_profile(path: Path, top: int = 15) -> dict[str, Any]:
    """Top entries by cumulative time, self time by package, and where the hooks' time goes."""
    stats = pstats.Stats(str(path))
    raw = stats.stats  # {func: (primitive calls, calls, tottime, cumtime, callers)}
    total = stats.total_tt
    cumulative = sorted(raw.items(), key=lambda kv: -kv[1][3])
    # Self time by package. Time in the standard library and in C functions (re, json, html.parser,
    # file I/O …) is counted in the package that called them, in proportion to the time each caller spent there.
    memo: dict[tuple, dict[str, float]] = {}

    def owner(func: tuple, seen: frozenset = frozenset()) -> dict[str, float]:
        if func in memo:
            return memo[func]
        package = _package(func[0]) if func[0] != "~" else "Python standard library"
        callers = raw[func][4] if func in raw else {}
        if package != "Python standard library" or not callers or func in seen:
            share = {package: 1.0}
        else:
            weights = {caller: c[3] or c[2] for caller, c in callers.items()}
            total_weight = sum(weights.values()) or 1.0
            share = {}
            for caller, weight in weights.items():
                for name, part in owner(caller, seen | {func}).items():
                    share[name] = share.get(name, 0.0) + part * weight / total_weight
        if not seen:
            memo[func] = share
        return share

    by_package: dict[str, float] = {}
    for func, (_, _, tt, _, _) in raw.items():
        for name, part in owner(func).items():
            by_package[name] = by_package.get(name, 0.0) + tt * part
    hooks = []
    for func, (_, calls, tt, ct, _) in raw.items():
        if "/govtech_mkdocs/" in func[0] or "/govtech/" in func[0]:
            hooks.append({"function": _label(func), "calls": calls, "cumulative_s": ct, "self_s": tt})
    hooks.sort(key=lambda h: -h["cumulative_s"])
    # The hook events, inclusive of everything they call (they do not call each other).
    events = {
        func[2]: {"calls": st[1], "cumulative_s": st[3]}
        for func, st in raw.items()
        if func[0].endswith("govtech_mkdocs/hooks.py") and func[2].startswith("on_")
    }
    return {
        "total_s": total,
        "top_cumulative": [
            {"function": _label(func), "calls": s[1], "cumulative_s": s[3], "self_s": s[2]} for func, s in cumulative[:top]
        ],
        "top_self": [
            {"function": _label(func), "calls": s[1], "self_s": s[2], "cumulative_s": s[3]}
            for func, s in sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
        ],
        "self_by_package_s": dict(sorted(by_package.items(), key=lambda kv: -kv[1])),
        "hook_functions": hooks[:25],
        "hook_events": dict(sorted(events.items(), key=lambda kv: -kv[1]["cumulative_s"])),
        "hook_events_total_s": sum(e["cumulative_s"] for e in events.values()),
    }


def bench_profile(workdir: Path, n: int, results: dict, save: Callable[[], None]) -> None:
    project = workdir / f"hooks-{n}"
    for generated in GENERATED_DIRS:
        shutil.rmtree(project / generated, ignore_errors=True)
    out = workdir / f"build-{n}.prof"
    done = subprocess.run([PY, str(HERE / "profile_build.py"), str(project), str(workdir / "site-profile"), str(out)], env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"profiled build failed:\n{done.stderr[-3000:]}")
    analysis = analyse_profile(out)
    analysis["n"] = n
    analysis["wall_s_under_profiler"] = float(done.stdout.strip().splitlines()[-1])
    analysis["profile_file"] = str(out)
    results["profile"] = analysis
    shutil.rmtree(workdir / "site-profile", ignore_errors=True)
    save()


# --------------------------------------------------------------------------- targets and table


def evaluate(results: dict) -> list[dict[str, Any]]:
    """Every target, met or missed, with its numbers."""
    targets = []
    scale = results.get("scale", {})
    for n, s in scale.items():
        ratio = s["hooks_over_plain"]
        limit = TARGETS["hook_overhead_ratio_max"]
        targets.append({"target": f"hook overhead at N={n}", "value": round(ratio, 3), "limit": f"<= {limit}", "met": ratio <= limit,
                        "detail": f"hooks {s['median_build_s']:.2f} s / plain {s['median_plain_s']:.2f} s (pairwise median {s['hooks_over_plain_pairs_median']:.3f})"})
    sizes = sorted(int(n) for n in scale)
    if 100 in sizes and sizes[-1] > 100:
        big, ref = scale[str(sizes[-1])], scale["100"]
        ratio = big["ms_per_page"] / ref["ms_per_page"]
        limit = TARGETS["ms_per_page_ratio_max"]
        targets.append({"target": f"ms/page at N={sizes[-1]} vs N=100", "value": round(ratio, 3), "limit": f"<= {limit}", "met": ratio <= limit,
                        "detail": f"{big['ms_per_page']:.1f} ms vs {ref['ms_per_page']:.1f} ms per page"})
    if len(sizes) > 1:
        small, big = scale[str(sizes[0])], scale[str(sizes[-1])]
        a = small["challenge_html_bytes"]["bench-0001"]
        b = big["challenge_html_bytes"]["bench-0001"]
        met = all(b[lang] <= a[lang] for lang in LANGUAGES)
        targets.append({"target": f"challenge page HTML at N={sizes[-1]} <= N={sizes[0]}", "value": b["da"], "limit": f"<= {a['da']} B (da)", "met": met,
                        "detail": ", ".join(f"{lang} {a[lang]} -> {b[lang]} B" for lang in LANGUAGES)})
    if v := results.get("validation"):
        limit = TARGETS["validation_1000_files_s_max"]
        targets.append({"target": "validate 1,000 files (govtech-validate)", "value": round(v["cli_median_s"], 3), "limit": f"< {limit} s", "met": v["cli_median_s"] < limit,
                        "detail": f"in one warm process {v['in_process_median_s']:.2f} s"})
    if e := results.get("edit_loop"):
        limit = TARGETS["edit_challenge_s_max"]
        targets.append({"target": "edit loop: challenge file -> page served", "value": round(e["challenge_median_s"], 3), "limit": f"< {limit} s", "met": e["challenge_median_s"] < limit,
                        "detail": f"all three languages; Markdown page {e['markdown_median_s']:.2f} s (no target)"})
        targets.append({"target": "edit loop: mkdocs serve idle again after an edit", "value": e["rebuilds_in_10_s_idle"], "limit": "0 rebuilds in 10 s", "met": e["rebuilds_in_10_s_idle"] == 0,
                        "detail": "a rebuild loop makes every edit wait for the build in progress first"})
    if w := results.get("page_weight"):
        limit = TARGETS["page_weight_gzip_kb_max"]
        for site, pages in w.items():
            for name, figures in pages.items():
                kb = figures["gzip_without_index"] / 1000
                targets.append({"target": f"page weight {name} ({site} site), gzip without index", "value": round(kb, 1), "limit": f"<= {limit} KB", "met": kb <= limit,
                                "detail": f"with index {figures['gzip_with_index'] / 1000:.1f} KB"})
    return targets


def kb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1000:,.1f}"


def table(results: dict) -> str:
    lines = []
    meta = results["meta"]
    lines.append(f"GovTech site benchmark  {meta['started']}  {meta['cpus']} CPUs, load {meta['load_before']}  runs={meta['runs']}  sizes={meta['sizes']}")
    lines.append(f"(N synthetic challenges are added to the 5 real ones; every build is clean and strict; build day {BUILD_DAY})")
    if scale := results.get("scale"):
        lines += ["", "1. Scale (hooks build; median of runs)",
                  f"{'N':>6} {'pages':>6} {'build s':>8} {'ms/page':>8} {'peak MB':>8} {'site MB':>8} {'index KB da/de/en':>26} {'challenge KB':>12} {'catalogue KB':>12}"]
        for n, s in scale.items():
            idx = "/".join(f"{s['search_index_bytes'][lang] / 1000:,.0f}" for lang in LANGUAGES)
            lines.append(f"{n:>6} {s['pages']:>6} {s['median_build_s']:>8.2f} {s['ms_per_page']:>8.1f} {s['peak_rss_mb']:>8.0f} "
                         f"{s['site_bytes'] / 1e6:>8.1f} {idx:>26} {kb(s['challenge_html_bytes']['bench-0001']['da']):>12} {kb(s['catalogue_html_bytes']['da']):>12}")
        lines += ["", "2. Hook overhead (same Markdown, no hooks; built side by side, alternating)",
                  f"{'N':>6} {'hooks s (runs)':>28} {'plain s (runs)':>28} {'ratio':>6} {'pairs':>6}  target <= {TARGETS['hook_overhead_ratio_max']}"]
        for n, s in scale.items():
            hs = ",".join(f"{x:.1f}" for x in s["hooks_s"])
            ps = ",".join(f"{x:.1f}" for x in s["plain_s"])
            met = "met" if s["hooks_over_plain"] <= TARGETS["hook_overhead_ratio_max"] else "MISSED"
            lines.append(f"{n:>6} {hs:>28} {ps:>28} {s['hooks_over_plain']:>6.2f} {s['hooks_over_plain_pairs_median']:>6.2f}  {met}")
    targets = evaluate(results)
    if scale:
        sizes = sorted(int(n) for n in scale)
        lines += ["", "3. Linearity"]
        if 100 in sizes and sizes[-1] > 100:
            big, ref = scale[str(sizes[-1])], scale["100"]
            lines.append(f"   ms/page: N={sizes[-1]} {big['ms_per_page']:.1f} / N=100 {ref['ms_per_page']:.1f} = {big['ms_per_page'] / ref['ms_per_page']:.2f}"
                         f"  (target <= {TARGETS['ms_per_page_ratio_max']}; without hooks {big['plain_ms_per_page']:.1f} / {ref['plain_ms_per_page']:.1f} = {big['plain_ms_per_page'] / ref['plain_ms_per_page']:.2f})")
        else:
            lines.append("   ms/page ratio needs N=100 and a larger N")
        if len(sizes) > 1:
            for page in ("bench-0001", "invoicing"):
                a, b = scale[str(sizes[0])]["challenge_html_bytes"][page], scale[str(sizes[-1])]["challenge_html_bytes"][page]
                lines.append(f"   challenge page {page} HTML bytes N={sizes[0]} -> N={sizes[-1]}: " + ", ".join(f"{lang} {a[lang]} -> {b[lang]}" for lang in LANGUAGES))
            a, b = scale[str(sizes[0])]["catalogue_html_bytes"], scale[str(sizes[-1])]["catalogue_html_bytes"]
            lines.append("   catalogue page HTML bytes (may grow): " + ", ".join(f"{lang} {a[lang]} -> {b[lang]}" for lang in LANGUAGES))
    if v := results.get("validation"):
        lines += ["", "4. Validation of 1,000 files",
                  f"   govtech-validate: {v['cli_median_s']:.2f} s median ({', '.join(f'{x:.2f}' for x in v['cli_s'])}); in one warm process {v['in_process_median_s']:.2f} s, import {v['import_s']:.2f} s",
                  "   stages: " + ", ".join(f"{k} {x:.2f} s" for k, x in v["stages_s"].items()),
                  "   text_problems patterns over all texts: " + ", ".join(f"{k} {x:.2f} s" for k, x in v["text_patterns_s"].items())]
    if e := results.get("edit_loop"):
        lines += ["", "5. Edit loop (mkdocs serve --livereload, real site)",
                  f"   challenge file saved -> page served in da, de, en: {e['challenge_median_s']:.2f} s median ({', '.join(f'{x:.2f}' for x in e['challenge_s'])}); da page {e['challenge_da_median_s']:.2f} s",
                  f"   Markdown page (docs/about.md) saved -> served: {e['markdown_median_s']:.2f} s median ({', '.join(f'{x:.2f}' for x in e['markdown_s'])})",
                  f"   builds logged by mkdocs: {len(e['build_times_logged_s'])}, median {statistics.median(e['build_times_logged_s'] or [0]):.2f} s each; "
                  f"settled after each edit: {e['settled_after_edit']}; rebuilds in 10 s with nothing edited: {e['rebuilds_in_10_s_idle']}"
                  + ("  <- REBUILD LOOP" if e["rebuilds_in_10_s_idle"] else "")]
    if w := results.get("page_weight"):
        lines += ["", "6. Page weight (first visit, every response gzip -6; Chromium-recorded unless noted)",
                  f"{'site':>8} {'page':>10} {'requests':>8} {'html':>7} {'css':>7} {'js':>7} {'worker':>7} {'sitemap':>7} {'other':>7} {'no index KB':>11} {'index KB':>9} {'with KB':>8}"]
        for site, pages in w.items():
            for name, f in pages.items():
                k = f["gzip_by_kind"]
                other = sum(x for key, x in k.items() if key not in ("html", "css", "js", "search worker", "sitemap"))
                lines.append(f"{site:>8} {name:>10} {f['requests']:>8} {kb(k.get('html', 0)):>7} {kb(k.get('css', 0)):>7} {kb(k.get('js', 0)):>7} {kb(k.get('search worker', 0)):>7} "
                             f"{kb(k.get('sitemap', 0)):>7} {kb(other):>7} {kb(f['gzip_without_index']):>11} {kb(f['gzip_index']):>9} {kb(f['gzip_with_index']):>8}")
                if f.get("note"):
                    lines.append(f"         note: {f['note']}")
    if p := results.get("profile"):
        lines += ["", f"Profile: one in-process build at N={p['n']} under cProfile ({p['wall_s_under_profiler']:.1f} s with the profiler's overhead)",
                  f"{'cum s':>8} {'self s':>8} {'calls':>9}  top {len(p['top_cumulative'])} by cumulative time"]
        for t in p["top_cumulative"]:
            lines.append(f"{t['cumulative_s']:>8.2f} {t['self_s']:>8.2f} {t['calls']:>9}  {t['function']}")
        lines += ["", "   self time by package (standard library and C functions counted in the package that called them):"]
        for name, seconds in p["self_by_package_s"].items():
            if seconds >= 0.05:
                lines.append(f"   {seconds:>8.2f} s {100 * seconds / p['total_s']:>5.1f} %  {name}")
        lines += ["", f"   our hooks' events, inclusive of all they call: {p['hook_events_total_s']:.2f} s "
                      f"({100 * p['hook_events_total_s'] / p['total_s']:.1f} % of the profiled build): "
                      + ", ".join(f"{name} {e['cumulative_s']:.2f} s ({e['calls']}x)" for name, e in p["hook_events"].items())]
        lines += ["", f"{'cum s':>8} {'self s':>8} {'calls':>9}  our hooks: the functions with the most cumulative time"]
        for h in p["hook_functions"][:15]:
            lines.append(f"{h['cumulative_s']:>8.2f} {h['self_s']:>8.2f} {h['calls']:>9}  {h['function']}")
    if targets:
        lines += ["", "Targets"]
        for t in targets:
            lines.append(f"   {'met   ' if t['met'] else 'MISSED'}  {t['target']}: {t['value']} (target {t['limit']}); {t['detail']}")
    for stage, error in results.get("errors", {}).items():
        lines += ["", f"ERROR in {stage}: {error.strip().splitlines()[0] if error.strip() else error}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 10, 100, one run, one edit: for development")
    parser.add_argument("--sizes", help="comma-separated N (default 10,100,1000)")
    parser.add_argument("--runs", type=int, help="builds per configuration (default 3)")
    parser.add_argument("--skip", default="", help="comma-separated stages to skip: scale, validation, profile, weight, edit")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json", help="where to write the figures (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects, sites, logs and profile")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in (args.sizes or ("10,100" if args.quick else "10,100,1000")).split(",")]
    runs = args.runs or (1 if args.quick else 3)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    edits = 1 if args.quick else 3

    workdir = Path(tempfile.mkdtemp(prefix="govtech-bench-"))
    results: dict[str, Any] = {
        "meta": {
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
            "sizes": sizes, "runs": runs, "quick": args.quick, "skipped": sorted(skip),
            "build_day": BUILD_DAY.isoformat(),
            "workdir": str(workdir),
            "git_head": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
            "git_dirty": bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip()),
        },
        "targets_defined": TARGETS,
        "errors": {},
    }

    def save() -> None:
        results["targets"] = evaluate(results)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    started = time.perf_counter()
    stages: list[tuple[str, Callable[[], None]]] = [
        ("validation", lambda: bench_validation(workdir, runs, results, save)),
        ("scale", lambda: bench_scale(workdir, sizes, runs, results, save)),
        ("profile", lambda: bench_profile(workdir, max(sizes), results, save)),
        ("weight", lambda: bench_page_weight(workdir, results, save, workdir / f"site-hooks-{max(sizes)}", max(sizes))),
        ("edit", lambda: bench_edit_loop(workdir, edits, results, save)),
    ]
    try:
        for name, stage in stages:
            if name in skip:
                continue
            if name == "profile" and "scale" in skip:
                hooks_project(workdir, synthetic_pool(workdir, max(sizes)), max(sizes))
            log(f"stage {name}")
            stage_start = time.perf_counter()
            try:
                stage()
            except (BenchError, subprocess.CalledProcessError, OSError) as err:
                results["errors"][name] = str(err)
                log(f"stage {name} failed: {err}")
            results["meta"].setdefault("stage_s", {})[name] = time.perf_counter() - stage_start
            save()
    finally:
        results["meta"]["total_s"] = time.perf_counter() - started
        results["meta"]["load_after"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        results["meta"]["git_head_end"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        save()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            if "profile" in results:
                results["profile"]["profile_file"] = None
                save()
    print(table(results))
    print(f"\nFigures: {args.json}  (total {results['meta']['total_s'] / 60:.1f} min)")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
