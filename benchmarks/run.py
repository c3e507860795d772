"""The site's benchmarks: `make bench` (not part of `make test`).

    .venv/bin/python benchmarks/run.py                   # N = 10, 100, 1,000; 3 runs each
    .venv/bin/python benchmarks/run.py --quick           # N = 10, 100; one run: for development
    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 5 --only scale,profile
    .venv/bin/python benchmarks/run.py --project /tmp/head   # a `git archive` of another commit

Prints one table and writes the same figures to bench-results.json beside
it (after every stage, so that an interrupted run keeps what it measured).
Every build runs on a temporary copy of the project, with its own hooks/ on
PYTHONPATH, and a fixed build day; nothing in the working tree changes.

- validation: `govtech-validate` over 1,000 synthetic challenge files, as a
  user runs it; and a profile of one validation in a warm process.
- scale: N synthetic challenges (synthetic.py) beside the real ones. Each
  hooks build is paired with a build of the same site as plain MkDocs +
  Material + mkdocs-static-i18n: the Markdown the hooks generated, written
  as ordinary files, in a copy of the project without hooks, theme
  overrides or watched folders. Pairs alternate which runs first; the
  overhead is the median of the pairs' ratios, by CPU time (user + system,
  of the build and what it runs) and by wall time. CPU time is the target's
  measure: the machine is shared, and wall time measures the neighbours too.
- engines: the hooks build at the largest N by each engine that builds the
  site: MkDocs 1.6 + Material (.venv), ProperDocs + Material
  (.venv-properdocs, README "ProperDocs") and mkdocs-ng + mkdocs-ng-material
  (.venv-mkdocs-ng, MAINTAINING.md); the Makefile makes the venvs. Runs
  rotate which engine goes first; each ratio is the median of a run's ratio
  to MkDocs, by CPU time.
- profile: cProfile of one in-process build at the largest N (profile_build.py).
- weight: bytes of a first visit in Chromium, gzip-compressed (page_weight.py).
- edit: `mkdocs serve --livereload` of the real site; from saving a
  challenge file to the new title being served in every language.
- translations: `govtech-translations` over a history of 1,000 commits
  (made with `git fast-import`), each changing one language of a page or a
  challenge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

import page_weight  # noqa: E402
import synthetic  # noqa: E402

from editing import retitle  # noqa: E402  (shared with the tests)
from govtech.pipeline import current_build  # noqa: E402
from govtech_mkdocs.project_config import project_settings  # noqa: E402
from support import build, copy_project, mkdocs_serve, wait_for_text  # noqa: E402  (shared with the tests)

PY = sys.executable
LANGUAGES = ("da", "de", "en")
# A fixed build day (2026-01-15, UTC), so that every build shows the same statuses and dates.
SOURCE_DATE_EPOCH = "1768435200"
BUILD_DAY = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.UTC).date()
SITE_URL = "http://127.0.0.1:8000/"
TARGETS = {
    "hook_overhead_max": 1.10,
    "validation_1000_s_max": 1.0,
    "edit_challenge_s_max": 2.0,
    "catalogue_gzip_kb_max": 100.0,
    "translations_1000_commits_s_max": 2.0,
}


class BenchError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def env(project: Path, **more: str) -> dict[str, str]:
    """The environment of a build of `project`: its own hooks/, the fixed build day, the default address."""
    return {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "SITE_URL": SITE_URL, "PYTHONPATH": str(project / "hooks"), **more}


def timed_build(project: Path, site: Path, generator: Sequence[str] | None = None) -> dict[str, float]:
    """A strict build of `project` into an empty `site` (by MkDocs, or by `generator`)."""
    shutil.rmtree(site, ignore_errors=True)
    result = build(project, site, *([generator] if generator else []), **env(project))
    if result.returncode != 0:
        raise BenchError(f"`{' '.join(generator or ['mkdocs'])} build` of {project} failed:\n{result.output[-3000:]}")
    return {"s": result.seconds, "cpu_s": result.cpu_seconds, "peak_rss_mb": result.peak_rss_mb}


# --------------------------------------------------------------------------- projects


def with_challenges(project: Path, pool: Path, n: int, real: bool = True) -> Path:
    """`project` with synthetic challenges 1 … n from `pool`, beside the real ones unless `real` is false."""
    if not real:
        for file in (project / "challenges").glob("[!_]*.yml"):
            file.unlink()
    for index in range(1, n + 1):
        shutil.copy(pool / f"bench-{index:04d}.yml", project / "challenges")
    return project


def plain_project(hooks: Path, target: Path) -> Path:
    """The site of the project `hooks`, as a plain MkDocs + Material + mkdocs-static-i18n project.

    The Markdown pages are copied, and the ones the hooks generate (in memory) written beside them, as ordinary files;
    mkdocs.yml loses `hooks:`, the theme's `custom_dir` (its templates read
    what the hooks add to each page) and `watch:`. Everything else, the
    plugins, Markdown extensions, CSS and scripts, is the site's.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copytree(hooks / "docs", target / "docs")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH  # the build day the hooks' builds see
    for path, markdown in current_build(project_settings(hooks), SITE_URL).pages.items():
        (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / path).write_text(markdown, encoding="utf-8")
    config = (hooks / "mkdocs.yml").read_text(encoding="utf-8")
    for key in ("hooks", "watch"):
        config, found = re.subn(rf"^{key}:[ \t]*\n(?:[ \t]+-.*\n)+", "", config, flags=re.MULTILINE)
        if not found:
            raise BenchError(f"mkdocs.yml has no `{key}:` list to remove for the plain build")
    config, found = re.subn(r"^[ \t]+custom_dir:.*\n", "", config, flags=re.MULTILINE)
    if not found:
        raise BenchError("mkdocs.yml has no `custom_dir:` to remove for the plain build")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def synthetic_pool(workdir: Path, source: Path, n: int) -> Path:
    """A folder holding synthetic challenges bench-0001 … bench-<n> (each file depends only on its number)."""
    pool = workdir / "pool"
    if len(list(pool.glob("bench-*.yml"))) < n:
        shutil.rmtree(pool, ignore_errors=True)
        pool.mkdir()
        synthetic.write_challenges(source, pool, n, BUILD_DAY)
    return pool


# --------------------------------------------------------------------------- stages


def bench_validation(workdir: Path, source: Path, runs: int) -> dict[str, Any]:
    """govtech-validate over 1,000 files in a fresh process, and where one validation in a warm process spends its time."""
    project = with_challenges(copy_project(workdir / "validate", source), synthetic_pool(workdir, source, 1000), 1000, real=False)
    cli = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        done = subprocess.run([PY, "-m", "govtech_mkdocs.validate"], cwd=project, env={**os.environ, **env(project)}, capture_output=True, text=True)
        cli.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise BenchError(f"govtech-validate failed:\n{done.stderr[-2000:]}")
    profile = workdir / "validate.prof"
    script = (
        "import cProfile, json, pathlib, sys, time\n"
        "from govtech.reading.loading import load_catalogue\n"
        "from govtech_mkdocs.project_config import project_settings\n"
        "folder, runs = pathlib.Path(sys.argv[1]), []\n"
        "project = project_settings(folder.parent)\n"
        "for _ in range(3):\n"
        "    start = time.perf_counter(); load_catalogue(folder, project); runs.append(time.perf_counter() - start)\n"
        "cProfile.run('load_catalogue(folder, project)', sys.argv[2])\n"
        "print(json.dumps(runs))\n"
    )
    done = subprocess.run(
        [PY, "-c", script, str(project / "challenges"), str(profile)], cwd=project, env={**os.environ, **env(project)}, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BenchError(f"validation in one process failed:\n{done.stderr[-2000:]}")
    warm = json.loads(done.stdout)
    log(f"validation of 1,000 files: {statistics.median(cli):.2f} s (govtech-validate), {statistics.median(warm):.2f} s in a warm process")
    return {
        "files": 1000,
        "cli_s": cli,
        "cli_median_s": statistics.median(cli),
        "warm_s": warm,
        "warm_median_s": statistics.median(warm),
        "profile": functions(profile, ("/govtech/",), 12),
    }


def bench_scale(workdir: Path, source: Path, n: int, runs: int) -> dict[str, Any]:
    """Hooks and plain builds of the site with `n` synthetic challenges, side by side."""
    hooks = with_challenges(copy_project(workdir / f"hooks-{n}", source), synthetic_pool(workdir, source, n), n)
    timed_build(hooks, workdir / "site-hooks")  # the generated Markdown for the plain project; warms the disk cache
    plain = plain_project(hooks, workdir / f"plain-{n}")
    pages = sum(1 for _ in (plain / "docs").rglob("*.md"))
    timings: dict[str, list[dict[str, float]]] = {"hooks": [], "plain": []}
    for run in range(runs):
        for variant in ("hooks", "plain") if run % 2 == 0 else ("plain", "hooks"):
            result = timed_build(hooks if variant == "hooks" else plain, workdir / f"site-{variant}")
            timings[variant].append(result)
            log(f"N={n} run {run + 1}/{runs} {variant}: {result['s']:.2f} s, CPU {result['cpu_s']:.2f} s, {result['peak_rss_mb']:.0f} MB")
    figures: dict[str, Any] = {"pages": pages, "runs": runs}
    for key in ("s", "cpu_s", "peak_rss_mb"):
        for variant in timings:
            figures[f"{variant}_{key}"] = [r[key] for r in timings[variant]]
        figures[f"ratio_{key}"] = statistics.median(h[key] / p[key] for h, p in zip(timings["hooks"], timings["plain"], strict=True))
    figures["hooks_ms_per_page"] = 1000 * statistics.median(figures["hooks_s"]) / pages
    site = workdir / "site-hooks"
    figures["site_mb"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
    figures["catalogue_kb"] = (site / "challenges" / "index.html").stat().st_size / 1000
    shutil.rmtree(workdir / "site-plain", ignore_errors=True)
    return figures


# Each engine that builds the site: the venv target the Makefile makes it in (None: .venv, made by `make bench`) and its command.
ENGINES: dict[str, tuple[str | None, list[str]]] = {
    "MkDocs": (None, [PY, "-m", "mkdocs"]),
    "ProperDocs": (".venv-properdocs/.installed", [str(ROOT / ".venv-properdocs" / "bin" / "properdocs")]),
    "mkdocs-ng": (".venv-mkdocs-ng/.installed", [str(ROOT / ".venv-mkdocs-ng" / "bin" / "mkdocs")]),
}


def bench_engines(workdir: Path, source: Path, n: int, runs: int) -> dict[str, Any]:
    """The hooks build of the site with `n` synthetic challenges by each engine in ENGINES, from scratch each time."""
    for target, _ in ENGINES.values():
        if target:
            made = subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True, timeout=900)
            if made.returncode != 0:
                raise BenchError(f"make {target} failed:\n{(made.stdout + made.stderr)[-2000:]}")
    project = workdir / f"hooks-{n}"
    if not project.exists():
        with_challenges(copy_project(project, source), synthetic_pool(workdir, source, n), n)
    names = list(ENGINES)
    timings: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            result = timed_build(project, workdir / "site-engine", generator=ENGINES[name][1])
            timings[name].append(result)
            log(f"N={n} run {run + 1}/{runs} {name}: {result['s']:.2f} s, CPU {result['cpu_s']:.2f} s, {result['peak_rss_mb']:.0f} MB")
    shutil.rmtree(workdir / "site-engine", ignore_errors=True)
    figures: dict[str, Any] = {"n": n, "runs": runs}
    for name in names:
        figures[name] = {key: [r[key] for r in timings[name]] for key in ("s", "cpu_s", "peak_rss_mb")}
        figures[name]["ratio_cpu_s"] = statistics.median(e["cpu_s"] / m["cpu_s"] for e, m in zip(timings[name], timings["MkDocs"], strict=True))
    return figures


def bench_profile(workdir: Path, source: Path, n: int) -> dict[str, Any]:
    """Where one in-process hooks build at `n` spends its time, by cProfile."""
    project = workdir / f"hooks-{n}"
    if not project.exists():
        with_challenges(copy_project(project, source), synthetic_pool(workdir, source, n), n)
    out = workdir / "build.prof"
    done = subprocess.run(
        [PY, str(HERE / "profile_build.py"), str(project), str(workdir / "site-profile"), str(out)],
        env={**os.environ, **env(project)},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BenchError(f"profiled build failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(workdir / "site-profile", ignore_errors=True)
    return {
        "n": n,
        "wall_s_under_profiler": float(done.stdout.split()[-1]),
        "hook_events": functions(out, ("govtech_mkdocs/hooks.py",), 12, "on_"),
        "top": functions(out, ("",), 12),
        "hooks": functions(out, ("/govtech/", "/govtech_mkdocs/"), 15),
    }


def functions(profile: Path, places: tuple[str, ...], top: int, prefix: str = "") -> list[dict[str, Any]]:
    """The `top` functions defined in `places` (parts of file paths), by cumulative time."""
    rows = []
    for (file, line, name), (_, calls, own, cumulative, _) in pstats.Stats(str(profile)).stats.items():  # type: ignore[attr-defined]
        if any(p in file for p in places) and name.startswith(prefix):
            where = "/".join(Path(file).parts[-2:]) if file != "~" else ""
            rows.append({"function": f"{where}:{line}({name})" if where else name, "calls": calls, "cumulative_s": cumulative, "self_s": own})
    return sorted(rows, key=lambda r: -r["cumulative_s"])[:top]


def bench_weight(workdir: Path, source: Path, large: Path | None, n: int) -> dict[str, Any]:
    """A first visit to the home page, the catalogue and a challenge: the real site, and the one with `n` synthetic challenges."""
    project = copy_project(workdir / "weight", source)
    timed_build(project, workdir / "site-weight")
    sites = {"real": (workdir / "site-weight", "invoicing")}
    if large is not None and large.exists():
        sites[f"N={n}"] = (large, "bench-0001")
    figures = {}
    for name, (site, challenge) in sites.items():
        pages = {"home": "", "catalogue": "challenges/", "challenge": f"challenges/{challenge}/"}
        weighed = page_weight.weigh(site, list(pages.values()))
        figures[name] = {page: weighed[path] for page, path in pages.items()}
    return figures


def bench_edit(workdir: Path, source: Path, edits: int) -> dict[str, Any]:
    """From saving a challenge file (or a Markdown page) to the changed page being served, under `mkdocs serve`."""
    project = copy_project(workdir / "serve", source)
    logfile = workdir / "serve.log"
    builds = lambda: logfile.read_text(errors="replace").count("Documentation built")  # noqa: E731
    figures: dict[str, Any] = {"challenge_s": [], "markdown_s": []}
    with mkdocs_serve(project, logfile, "en/challenges/invoicing/", PYTHONPATH=str(project / "hooks")) as (base, server):
        settle(builds)
        for edit in range(edits):
            titles = {lang: f"Benchmark {lang} {edit + 1} {secrets.token_hex(3)}" for lang in LANGUAGES}
            start = time.perf_counter()
            retitle(project / "challenges" / "invoicing.yml", titles)
            for lang in LANGUAGES:
                url = f"{base}{'' if lang == 'da' else lang + '/'}challenges/invoicing/"
                wait_for_text(url, titles[lang], 120)
            figures["challenge_s"].append(time.perf_counter() - start)
            log(f"edit loop: challenge edit {edit + 1} served after {figures['challenge_s'][-1]:.2f} s")
            settle(builds)
        about = project / "docs" / "about.md"
        for edit in range(edits):
            title = f"Benchmark {edit + 1} {secrets.token_hex(3)}"
            text = re.sub(r"^# .*$", f"# {title}", about.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
            start = time.perf_counter()
            about.write_text(text, encoding="utf-8")
            wait_for_text(base + "about/", title, 120)
            figures["markdown_s"].append(time.perf_counter() - start)
            settle(builds)
        before = builds()
        time.sleep(10)  # nothing is saved now: a server that still rebuilds rebuilds in a loop
        figures["rebuilds_while_idle"] = builds() - before
        figures["alive"] = server.poll() is None
    figures["challenge_median_s"] = statistics.median(figures["challenge_s"])
    figures["markdown_median_s"] = statistics.median(figures["markdown_s"])
    figures["build_s_logged"] = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", logfile.read_text(errors="replace"))]
    return figures


def bench_translations(workdir: Path, source: Path, commits: int, runs: int) -> dict[str, Any]:
    """govtech-translations, as a user runs it, in a copy of the project whose history holds `commits` commits."""
    project = copy_project(workdir / "translations", source)
    files = sorted(p.relative_to(project).as_posix() for folder in ("docs", "challenges") for p in (project / folder).rglob("*.*") if p.is_file())
    edited = [f for f in files if f.endswith(".md") or (f.startswith("challenges/") and not f.split("/")[-1].startswith("_"))]
    stream = []
    for number in range(1, commits + 1):
        message = f"Change {number}"
        stream.append(f"commit refs/heads/main\ncommitter Bench <bench@example.org> {1700000000 + number} +0000\ndata {len(message)}\n{message}\n")
        changed = files if number == 1 else [edited[number % len(edited)]]
        for path in changed:
            text = (project / path).read_text(encoding="utf-8")
            if number > 1:  # one language of a challenge (its Danish title), or one language's page
                text = text.replace("  title:", f"  title: {number}", 1) if path.endswith(".yml") else text + f"\n<!-- {number} -->\n"
                (project / path).write_text(text, encoding="utf-8")
            data = text.encode("utf-8")
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n")
            stream.append(data.decode("utf-8") + "\n")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=project, input="".join(stream).encode("utf-8"), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=project, check=True)
    seconds, cpu = [], []
    for _ in range(runs):
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([PY, "-m", "govtech.commands.translations"], cwd=project, env={**os.environ, **env(project)}, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(time.perf_counter() - start)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            raise BenchError(f"govtech-translations failed:\n{done.stderr[-2000:]}")
    return {
        "commits": commits,
        "s": seconds,
        "median_s": statistics.median(seconds),
        "cpu_s": cpu,
        "median_cpu_s": statistics.median(cpu),
        "reported": done.stdout.splitlines()[-1],
    }


def settle(builds: Callable[[], int], quiet: float = 2.0) -> None:
    """Wait until `mkdocs serve` has logged no new build for `quiet` seconds: the next edit then starts from rest."""
    count, since = builds(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        if builds() != count:
            count, since = builds(), time.monotonic()


# --------------------------------------------------------------------------- targets and table


def evaluate(results: dict[str, Any]) -> list[tuple[bool, str]]:
    """Every target, met or not, as (met, what was measured against what)."""
    out = []
    for n, s in results.get("scale", {}).items():
        limit = TARGETS["hook_overhead_max"]
        out.append((s["ratio_cpu_s"] <= limit, f"hooks / plain at N={n}: CPU {s['ratio_cpu_s']:.2f} (target <= {limit}); wall {s['ratio_s']:.2f}"))
    if v := results.get("validation"):
        limit = TARGETS["validation_1000_s_max"]
        out.append((v["cli_median_s"] < limit, f"govtech-validate, 1,000 files: {v['cli_median_s']:.2f} s (target < {limit} s)"))
    if e := results.get("edit"):
        limit = TARGETS["edit_challenge_s_max"]
        out.append((e["challenge_median_s"] < limit, f"challenge file saved -> page served: {e['challenge_median_s']:.2f} s (target < {limit} s)"))
        out.append((e["rebuilds_while_idle"] == 0, f"mkdocs serve rebuilds while nothing changes: {e['rebuilds_while_idle']} in 10 s (target 0)"))
    if tr := results.get("translations"):
        limit = TARGETS["translations_1000_commits_s_max"]
        out.append(
            (
                tr["median_s"] < limit,
                f"govtech-translations over {tr['commits']:,} commits: {tr['median_s']:.2f} s, CPU {tr['median_cpu_s']:.2f} s (target < {limit} s)",
            )
        )
    for site, pages in results.get("weight", {}).items():
        limit = TARGETS["catalogue_gzip_kb_max"]
        kb = pages["catalogue"]["gzip_without_index"] / 1000
        out.append((kb <= limit, f"catalogue first load ({site}), gzip, without the search index: {kb:.1f} KB (target <= {limit} KB)"))
    return out


def table(results: dict[str, Any]) -> str:
    meta = results["meta"]
    lines = [
        f"GovTech site benchmark  {meta['started']}  {meta['source']} @ {meta['git_head']}{' (changed)' if meta['git_dirty'] else ''}  "
        f"{meta['cpus']} CPUs, load {meta['load_before']}  runs={meta['runs']}  build day {BUILD_DAY}"
    ]
    if scale := results.get("scale"):
        lines += [
            "",
            "Scale: N synthetic challenges beside the real ones; hooks build against the same Markdown as a plain project (medians)",
            f"{'N':>6} {'pages':>6} {'hooks s':>8} {'plain s':>8} {'wall x':>7} {'hooks CPU':>9} {'plain CPU':>9} {'CPU x':>6} "
            f"{'ms/page':>8} {'peak MB':>8} {'site MB':>8} {'catalogue KB':>12}",
        ]
        for n, s in scale.items():
            lines.append(
                f"{n:>6} {s['pages']:>6} {statistics.median(s['hooks_s']):>8.2f} {statistics.median(s['plain_s']):>8.2f} {s['ratio_s']:>7.2f} "
                f"{statistics.median(s['hooks_cpu_s']):>9.2f} {statistics.median(s['plain_cpu_s']):>9.2f} {s['ratio_cpu_s']:>6.2f} "
                f"{s['hooks_ms_per_page']:>8.1f} {max(s['hooks_peak_rss_mb']):>8.0f} {s['site_mb']:>8.1f} {s['catalogue_kb']:>12.1f}"
            )
    if engines := results.get("engines"):
        lines += [
            "",
            f"Engines: the hooks build at N={engines['n']} from scratch, by each engine (medians of {engines['runs']} runs; CPU x: against MkDocs)",
            f"{'engine':>12} {'wall s':>8} {'CPU s':>8} {'CPU x':>6} {'peak MB':>8}",
        ]
        for name in ENGINES:
            if e := engines.get(name):
                lines.append(
                    f"{name:>12} {statistics.median(e['s']):>8.2f} {statistics.median(e['cpu_s']):>8.2f} {e['ratio_cpu_s']:>6.2f} {max(e['peak_rss_mb']):>8.0f}"
                )
    if v := results.get("validation"):
        lines += [
            "",
            f"Validation of 1,000 files: govtech-validate {v['cli_median_s']:.2f} s ({', '.join(f'{x:.2f}' for x in v['cli_s'])}); "
            f"in a warm process {v['warm_median_s']:.2f} s. Profile of one (cumulative s, calls):",
        ]
        lines += [f"   {f['cumulative_s']:>7.3f} {f['calls']:>8}  {f['function']}" for f in v["profile"]]
    if e := results.get("edit"):
        lines += [
            "",
            "Edit loop (mkdocs serve --livereload, the real site)",
            f"   challenge file saved -> new title served in da, de, en: {e['challenge_median_s']:.2f} s ({', '.join(f'{x:.2f}' for x in e['challenge_s'])})",
            f"   docs/about.md saved -> served: {e['markdown_median_s']:.2f} s ({', '.join(f'{x:.2f}' for x in e['markdown_s'])})",
            f"   builds logged: {', '.join(f'{x:.2f}' for x in e['build_s_logged'])} s; rebuilds in 10 s idle: {e['rebuilds_while_idle']}",
        ]
    if w := results.get("weight"):
        lines += [
            "",
            "First visit, gzip KB (Chromium): without the search index / the index",
            f"{'site':>8} {'page':>10} {'requests':>8} {'html':>7} {'css':>7} {'js':>7} {'other':>7} {'total':>7} {'index':>7}",
        ]
        for site, pages in w.items():
            for page, f in pages.items():
                html, css, js = (f["gzip_by_kind"].get(kind, 0) / 1000 for kind in ("html", "css", "js"))
                total = f["gzip_without_index"] / 1000
                lines.append(
                    f"{site:>8} {page:>10} {f['requests']:>8} {html:>7.1f} {css:>7.1f} {js:>7.1f} {total - html - css - js:>7.1f} {total:>7.1f} {f['gzip_index'] / 1000:>7.1f}"
                )
    if p := results.get("profile"):
        lines += ["", f"Profile of one hooks build at N={p['n']} ({p['wall_s_under_profiler']:.1f} s under cProfile): cumulative s, own s, calls"]
        for title, rows in (("our event handlers", p["hook_events"]), ("our functions", p["hooks"]), ("everything", p["top"])):
            lines += [f"   {title}"] + [f"   {f['cumulative_s']:>8.2f} {f['self_s']:>7.2f} {f['calls']:>8}  {f['function']}" for f in rows]
    if targets := evaluate(results):
        lines += ["", "Targets"] + [f"   {'met   ' if met else 'MISSED'}  {text}" for met, text in targets]
    for stage, error in results["errors"].items():
        lines += ["", f"ERROR in {stage}: {error.strip()[:2000]}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    stages = ("validation", "scale", "engines", "profile", "weight", "edit", "translations")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 10, 100; one run, one edit: for development")
    parser.add_argument("--sizes", help="comma-separated N (default 10,100,1000)")
    parser.add_argument("--runs", type=int, help="builds of each kind per N (default 3)")
    parser.add_argument("--only", default=",".join(stages), help="comma-separated stages (default: %(default)s)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to measure (default: this checkout)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json", help="where to write the figures (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder: projects, sites, logs, profiles")
    args = parser.parse_args(argv)
    sizes = sorted(int(x) for x in (args.sizes or ("10,100" if args.quick else "10,100,1000")).split(","))
    runs = args.runs or (1 if args.quick else 3)
    only = [s for s in stages if s in args.only.split(",")]
    source = args.project.resolve()
    git = lambda *a: subprocess.run(["git", *a], cwd=source, capture_output=True, text=True).stdout.strip()  # noqa: E731
    workdir = Path(tempfile.mkdtemp(prefix="govtech-bench-"))
    results: dict[str, Any] = {
        "meta": {
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
            "sizes": sizes,
            "runs": runs,
            "stages": only,
            "source": str(source),
            "git_head": git("rev-parse", "--short", "HEAD") or "-",
            "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "build_day": BUILD_DAY.isoformat(),
        },
        "targets_defined": TARGETS,
        "errors": {},
    }

    def save() -> None:
        results["targets"] = [{"met": met, "what": text} for met, text in evaluate(results)]
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def scale() -> None:
        for n in sizes:
            results.setdefault("scale", {})[str(n)] = bench_scale(workdir, source, n, runs)
            save()

    run_stage: dict[str, Callable[[], None]] = {
        "validation": lambda: results.update(validation=bench_validation(workdir, source, runs)),
        "scale": scale,
        "engines": lambda: results.update(engines=bench_engines(workdir, source, max(sizes), runs)),
        "profile": lambda: results.update(profile=bench_profile(workdir, source, max(sizes))),
        "weight": lambda: results.update(weight=bench_weight(workdir, source, workdir / "site-hooks" if "scale" in only else None, max(sizes))),
        "edit": lambda: results.update(edit=bench_edit(workdir, source, 1 if args.quick else 5)),
        "translations": lambda: results.update(translations=bench_translations(workdir, source, 1000, runs)),
    }
    started = time.perf_counter()
    try:
        for name in only:
            log(f"stage {name}")
            try:
                run_stage[name]()
            except Exception as err:  # noqa: BLE001  (a stage that fails is reported; the others still run)
                results["errors"][name] = str(err)
                log(f"stage {name} failed: {err}")
            save()
    finally:
        results["meta"]["total_s"] = time.perf_counter() - started
        results["meta"]["load_after"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        save()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    print(f"\nFigures: {args.json}  (total {results['meta']['total_s'] / 60:.1f} min)")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
