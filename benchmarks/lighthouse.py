"""Lighthouse scores of the site: `make lighthouse` (a benchmark, not part of `make test`).

    .venv/bin/python benchmarks/lighthouse.py                  # 9 pages, mobile and desktop, median of 3 runs
    .venv/bin/python benchmarks/lighthouse.py --quick          # one run each: for development
    .venv/bin/python benchmarks/lighthouse.py --form-factors mobile --languages en --keep
    .venv/bin/python benchmarks/lighthouse.py --server nginx   # behind deploy/nginx.conf (gzip, caching, CSP)

Builds the site (strict, from a temporary copy of the project, with SITE_URL
set to the address it is served at, so that canonical and hreflang links
point at the serving origin), serves it on 127.0.0.1 and runs Lighthouse on
the home page, the catalogue and one challenge page in Danish, German and
English, in Debian's Chromium, with Lighthouse's mobile (default) and desktop
settings. Prints one table of the four scores (0-100) and, for every score
below its target, the audits that cost points; writes the same figures to
bench-lighthouse.json at the project root.

The default server is Python's http.server, gzip-compressing text as any
static host does (GitHub Pages, nginx with deploy/nginx.conf): without it,
mobile performance measures the missing compression rather than the site.
It sends no caching or security headers; `--server nginx` runs Debian's
nginx with deploy/nginx.conf instead, so that best practices also sees the
Content-Security-Policy (an inline script it blocks is a console error).
Lighthouse's mobile score simulates a slow phone from this machine's CPU:
on a slow or busy machine total blocking time, and so performance, varies
from run to run, hence the median of several runs (Lighthouse warns in the
output when it finds the CPU slow; see --cpu-slowdown).

Lighthouse is pinned with its whole dependency tree (axe-core decides the
accessibility score) by benchmarks/lighthouse.package.json and
benchmarks/lighthouse.package-lock.json, and installed with `npm ci` into
benchmarks/.lighthouse/ (git-ignored) on first use and whenever the lock
file changes. Targets: accessibility, best practices and SEO 100;
performance at least 95. Missed targets are reported, not failed: the exit
status is 1 only when something could not be measured.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from local_server import free_port, serve  # noqa: E402  (shared with the tests)
from run import BUILD_DAY, SOURCE_DATE_EPOCH, copy_project  # noqa: E402

LIGHTHOUSE_VERSION = "13.5.0"
INSTALL_DIR = HERE / ".lighthouse"
MANIFEST = HERE / "lighthouse.package.json"
LOCKFILE = HERE / "lighthouse.package-lock.json"
CHROME_PATH = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LABELS = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGUAGES = ("da", "de", "en")
PAGES = (("home", ""), ("catalogue", "challenges/"), ("challenge", "challenges/invoicing/"))
FORM_FACTORS = ("mobile", "desktop")
# Items of a failing audit kept in the figures (selectors, snippets, URLs), so the cause can be found.
ITEMS_KEPT = 5
# For a metric that costs points, the diagnostic audit whose items say which element or script is behind it.
METRIC_CAUSES = {
    "cumulative-layout-shift": "layout-shifts",
    "largest-contentful-paint": "lcp-breakdown-insight",
    "total-blocking-time": "long-tasks",
    "first-contentful-paint": "render-blocking-insight",
    "speed-index": "render-blocking-insight",
}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "application/atom+xml", "image/svg+xml")

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}


class BenchError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- Lighthouse


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def install_lighthouse() -> Path:
    """Lighthouse's CLI script in benchmarks/.lighthouse/, installed from the lock file when it is missing or stale."""
    cli = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    stamp = INSTALL_DIR / ".installed"
    wanted = hashlib.sha256(MANIFEST.read_bytes() + LOCKFILE.read_bytes()).hexdigest()
    installed = INSTALL_DIR / "node_modules" / "lighthouse" / "package.json"
    if (cli.exists() and stamp.exists() and stamp.read_text().strip() == wanted
            and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION):
        return cli
    if shutil.which("npm") is None:
        raise BenchError("npm is needed to install Lighthouse (apt-get install nodejs npm)")
    log(f"installing Lighthouse {LIGHTHOUSE_VERSION} into {INSTALL_DIR.relative_to(ROOT)}/ (npm ci)")
    INSTALL_DIR.mkdir(exist_ok=True)
    stamp.unlink(missing_ok=True)
    shutil.copy(MANIFEST, INSTALL_DIR / "package.json")
    shutil.copy(LOCKFILE, INSTALL_DIR / "package-lock.json")
    result = subprocess.run(["npm", "ci", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund", "--loglevel=error"],
                            cwd=INSTALL_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"`npm ci` of Lighthouse failed:\n{(result.stdout + result.stderr)[-3000:]}")
    version = json.loads(installed.read_text())["version"]
    if version != LIGHTHOUSE_VERSION:
        raise BenchError(f"{LOCKFILE.name} installs Lighthouse {version}, this script expects {LIGHTHOUSE_VERSION}")
    stamp.write_text(wanted + "\n")
    return cli


def node_check() -> dict[str, Any]:
    """Node's version, and whether it meets Lighthouse's `engines` field (Lighthouse runs on older Node, unsupported)."""
    node = shutil.which("node")
    if node is None:
        raise BenchError("Node.js is needed to run Lighthouse (apt-get install nodejs)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    engines = json.loads((INSTALL_DIR / "node_modules" / "lighthouse" / "package.json").read_text()).get("engines", {}).get("node", "")
    minimum = engines.removeprefix(">=").strip()
    supported = not minimum or _version(version) >= _version(minimum)
    if not supported:
        log(f"warning: Node {version} is older than Lighthouse {LIGHTHOUSE_VERSION} supports ({engines}); it runs, but unsupported")
    return {"node": node, "version": version, "lighthouse_requires": engines, "supported": supported}


def run_lighthouse(cli: Path, url: str, form_factor: str, output: Path, cpu_slowdown: float | None = None) -> dict[str, Any]:
    """One Lighthouse run of `url`; its JSON report."""
    command = [
        "node", str(cli), url,
        "--output=json", f"--output-path={output}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    if cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}")
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME_PATH}, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not output.exists():
        raise BenchError(f"Lighthouse failed on {url} ({form_factor}, exit {result.returncode}):\n{(result.stdout + result.stderr)[-3000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise BenchError(f"Lighthouse could not measure {url} ({form_factor}): {report['runtimeError']}")
    return report


# --------------------------------------------------------------------------- reading a report


def _item(item: dict[str, Any]) -> str:
    """One line about one item of an audit's details: the element or the URL it is about."""
    node = item.get("node") if isinstance(item.get("node"), dict) else item if item.get("type") == "node" else None
    if node:
        parts = [node.get("selector") or "", (node.get("snippet") or "")[:160]]
        if node.get("explanation"):
            parts.append(node["explanation"].replace("\n", " ")[:240])
        if node is not item and isinstance(item.get("score"), (int, float)):
            parts.append(f"shift {item['score']:.3f}")
        return " | ".join(p for p in parts if p)
    for key in ("url", "source", "description", "label"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("value")
        if isinstance(value, str) and value:
            extra = ", ".join(f"{k}={item[k]:.0f}" for k in ("duration", "wastedBytes", "wastedMs", "totalBytes", "cacheLifetimeMs") if isinstance(item.get(k), (int, float)))
            return value + (f" ({extra})" if extra else "")
    return json.dumps(item, ensure_ascii=False)[:200]


def _items(details: dict[str, Any] | None) -> list[str]:
    if not details:
        return []
    items = details.get("items") or []
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item.get("type") in ("table", "list", "opportunity"):
            out += _items(item)
        elif isinstance(item, dict) and item.get("type") == "list-section":
            continue  # the network dependency tree and its notes: read them in the kept report
        elif isinstance(item, dict) and "cumulativeLayoutShiftMainFrame" in item:
            continue  # the CLS figure itself; layout-shifts names the elements
        elif isinstance(item, dict):
            out.append(_item(item))
            for sub in (item.get("subItems") or {}).get("items", [])[:2]:
                out.append("  " + _item(sub))
    return out


def score(report: dict[str, Any], category: str) -> int | None:
    value = report["categories"][category]["score"]
    return None if value is None else round(100 * value)


def costly_audits(report: dict[str, Any], category: str) -> list[dict[str, Any]]:
    """The audits that cost `category` points (scored, weight > 0, score < 1); for performance also the
    insights and diagnostics that fail (weight 0, but they say why a metric is slow)."""
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        scored = ref.get("weight", 0) > 0
        if audit.get("score") is None or audit["score"] >= 1 or audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
            continue
        if not scored and not (category == "performance" and audit["score"] < 0.9):
            continue
        items = _items(audit.get("details"))
        cause = METRIC_CAUSES.get(ref["id"]) if scored and category == "performance" else None
        if cause and cause in audits:
            items += [f"{cause}: {item}" for item in _items(audits[cause].get("details"))]
        out.append({
            "id": ref["id"],
            "title": audit["title"],
            "score": audit["score"],
            "weight": ref.get("weight", 0),
            "group": ref.get("group"),
            "display_value": audit.get("displayValue"),
            "numeric_value": audit.get("numericValue"),
            "items": items[:ITEMS_KEPT],
            "item_count": len(items),
        })
    out.sort(key=lambda a: (-a["weight"], a["score"]))
    return out


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    scores = {c: score(report, c) for c in CATEGORIES}
    failing = {c: costly_audits(report, c) for c in CATEGORIES if scores[c] is not None and scores[c] < TARGETS[c]}
    metrics = {}
    for ref in report["categories"]["performance"]["auditRefs"]:
        if ref.get("group") == "metrics" or ref.get("acronym"):
            audit = report["audits"][ref["id"]]
            metrics[ref.get("acronym") or ref["id"]] = {"value": audit.get("numericValue"), "display": audit.get("displayValue"), "score": audit.get("score")}
    return {
        "scores": scores,
        "metrics": metrics,
        "failing": failing,
        "run_warnings": report.get("runWarnings", []),
        "benchmark_index": report["environment"].get("benchmarkIndex"),
        "final_url": report.get("finalDisplayedUrl"),
    }


# --------------------------------------------------------------------------- serving


def build_site(workdir: Path, base: str) -> Path:
    """A strict build of a copy of the project, for the site served at `base`."""
    project = copy_project(workdir / "project")
    site = workdir / "site"
    log(f"building the site for {base}")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, env={**ENV, "SITE_URL": base}, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"`mkdocs build --strict` failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return site


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzip-compressing text for clients that accept it (level 6, as nginx's `gzip on`); no logging."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(COMPRESSIBLE):
            super().do_GET()  # directories without a slash (redirect), missing files, images
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype if "charset" in ctype or not ctype.startswith("text/") else f"{ctype}; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_python(directory: Path, port: int):
    """Serve `directory` on 127.0.0.1:`port`, gzip-compressed; yields the base URL."""
    return serve(directory, port, handler=_GzipHandler)


@contextlib.contextmanager
def serve_nginx(site: Path, port: int, workdir: Path) -> Iterator[str]:
    """deploy/nginx.conf (only `listen` and `root` changed, as tests/test_nginx.py does) over `site`."""
    if shutil.which("nginx") is None:
        raise BenchError("--server nginx needs nginx (apt-get install nginx)")
    base = f"http://127.0.0.1:{port}/"
    conf = workdir / "nginx"
    conf.mkdir()
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /var/www/govtech/site;", f"root {site};")
    (conf / "site.conf").write_text(server)
    temp = "".join(f"  {name}_temp_path {conf / name};\n" for name in ("proxy", "fastcgi", "uwsgi", "scgi"))
    (conf / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {conf}/nginx.pid;\nerror_log {conf}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        f"  client_body_temp_path {conf / 'body'};\n{temp}  include {conf}/site.conf;\n}}\n"
    )
    process = subprocess.Popen(["nginx", "-p", str(conf), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(base, timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(f"nginx did not start: {process.stderr.read().decode(errors='replace') if process.poll() is not None else 'timeout'}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


# --------------------------------------------------------------------------- output


def fmt(value: int | None, category: str) -> str:
    if value is None:
        return "-"
    return f"{value}" + ("" if value >= TARGETS[category] else " !")


def table(results: dict[str, Any]) -> str:
    meta = results["meta"]
    lines = [
        f"Lighthouse {meta['lighthouse']}  {meta['started']}  Chromium {meta.get('chromium') or '?'}  Node {meta['node']['version']}"
        f"  server {meta['server']}  runs={meta['runs']}  build day {meta['build_day']}"
        + (f"  CPU slowdown {meta['cpu_slowdown']}" if meta.get("cpu_slowdown") else ""),
        "Targets: performance >= 95; accessibility, best practices, SEO = 100.  ! marks a missed target."
        + ("  Scores are the median of the runs." if meta["runs"] > 1 else ""),
    ]
    for form_factor in meta["form_factors"]:
        rows = [r for r in results["pages"] if r["form_factor"] == form_factor]
        if not rows:
            continue
        lines += ["", f"{form_factor}",
                  f"{'page':<38} {'perf':>6} {'a11y':>6} {'best pr.':>8} {'SEO':>6}   {'FCP':>7} {'LCP':>7} {'TBT':>7} {'CLS':>7} {'SI':>7}"]
        for r in rows:
            s = r["scores"]
            m = r.get("metrics", {})
            metric = " ".join(f"{(m.get(k) or {}).get('display') or '-':>7}" for k in ("FCP", "LCP", "TBT", "CLS", "SI"))
            lines.append(f"{r['page']:<38} {fmt(s['performance'], 'performance'):>6} {fmt(s['accessibility'], 'accessibility'):>6} "
                         f"{fmt(s['best-practices'], 'best-practices'):>8} {fmt(s['seo'], 'seo'):>6}   {metric}")
    missed = [r for r in results["pages"] if r["failing"]]
    if missed:
        lines += ["", "Audits behind each missed target (weight in the category; for performance also failing insights, weight 0)"]
        for r in missed:
            for category, audits in r["failing"].items():
                lines.append(f"  {r['page']} ({r['form_factor']}) {category} {r['scores'][category]}:")
                if not audits:
                    lines.append("      (no single audit: the metrics' scores add up below the target)")
                for a in audits:
                    value = f" [{a['display_value']}]" if a.get("display_value") else ""
                    if category == "performance" and not a["weight"]:
                        continue
                    lines.append(f"      {a['id']} (weight {a['weight']:g}, score {a['score']:.2f}){value}: {a['title']}")
                    if category != "performance" or a["score"] < 0.9:
                        for item in a["items"][:3]:
                            lines.append(f"          {item}")
                insights = [a for a in audits if category == "performance" and not a["weight"] and a["score"] < 0.5]
                if insights:
                    lines.append("      failing insights and diagnostics (weight 0; items in the JSON): "
                                 + "; ".join(f"{a['id']}" + (f" [{a['display_value']}]" if a.get("display_value") else "") for a in insights))
    indexes = [r["benchmark_index"] for r in results["pages"] if r.get("benchmark_index")]
    if indexes:
        lines += ["", f"Lighthouse's CPU benchmark index of this machine: {min(indexes):.0f} to {max(indexes):.0f} (median run of each page)."]
    warnings = sorted({w for r in results["pages"] for w in r.get("run_warnings", [])})
    if warnings:
        lines += ["", "Lighthouse warnings:"] + [f"  {w}" for w in warnings]
    if not results["meta"]["node"]["supported"]:
        lines += ["", f"Note: Node {meta['node']['version']} is older than Lighthouse requires ({meta['node']['lighthouse_requires']})."]
    for key, error in results.get("errors", {}).items():
        lines += ["", f"ERROR {key}: {error.strip().splitlines()[0] if error.strip() else error}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def median_run(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """Median score per category; failing audits and metrics from the run whose performance is the median."""
    if len(summaries) == 1:
        return summaries[0]
    by_perf = sorted(summaries, key=lambda s: s["scores"]["performance"] or 0)
    chosen = dict(by_perf[len(by_perf) // 2])
    chosen["scores"] = {c: round(statistics.median(s["scores"][c] for s in summaries if s["scores"][c] is not None)) for c in CATEGORIES}
    chosen["scores_per_run"] = [s["scores"] for s in summaries]
    chosen["run_warnings"] = sorted({w for s in summaries for w in s["run_warnings"]})
    chosen["failing"] = {c: a for c, a in chosen["failing"].items() if chosen["scores"][c] < TARGETS[c]}
    for c in CATEGORIES:
        if chosen["scores"][c] < TARGETS[c] and c not in chosen["failing"]:
            chosen["failing"][c] = next((s["failing"][c] for s in summaries if c in s["failing"]), [])
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--form-factors", default="mobile,desktop", help="comma-separated: mobile, desktop (default: %(default)s)")
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page and form factor; the median is reported (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run per page and form factor: for development")
    parser.add_argument("--cpu-slowdown", type=float, help="Lighthouse's mobile CPU slowdown (its default is 4; lower it on a slow machine)")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated (default: %(default)s)")
    parser.add_argument("--pages", default=",".join(name for name, _ in PAGES), help="comma-separated (default: %(default)s)")
    parser.add_argument("--server", choices=("python", "nginx"), default="python",
                        help="python: http.server with gzip, no cache or security headers; nginx: deploy/nginx.conf (default: %(default)s)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-lighthouse.json", help="where to write the figures (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder: the project copy, the site and every Lighthouse report")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    form_factors = [f.strip() for f in args.form_factors.split(",") if f.strip()]
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    pages = [(name, path) for name, path in PAGES if name in {p.strip() for p in args.pages.split(",")}]
    unknown = (set(form_factors) - set(FORM_FACTORS)) | (set(languages) - set(LANGUAGES)) | ({p.strip() for p in args.pages.split(",")} - {n for n, _ in PAGES})
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")

    cli = install_lighthouse()
    node = node_check()
    workdir = Path(tempfile.mkdtemp(prefix="govtech-lighthouse-"))
    results: dict[str, Any] = {
        "meta": {
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "lighthouse": LIGHTHOUSE_VERSION,
            "chrome_path": CHROME_PATH,
            "chrome_flags": CHROME_FLAGS,
            "chromium": None,
            "axe_core": None,
            "node": node,
            "python": platform.python_version(),
            "server": args.server,
            "runs": runs,
            "cpu_slowdown": args.cpu_slowdown,
            "form_factors": form_factors,
            "languages": languages,
            "build_day": BUILD_DAY.isoformat(),
            "workdir": str(workdir) if args.keep else None,
            "git_head": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
            "git_dirty": bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip()),
        },
        "targets": TARGETS,
        "pages": [],
        "errors": {},
    }

    def save() -> None:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    started = time.perf_counter()
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        site = build_site(workdir, base)
        server = serve_python(site, port) if args.server == "python" else serve_nginx(site, port, workdir)
        with server as url:
            if url != base:
                raise BenchError(f"served at {url}, built for {base}")
            reports = workdir / "reports"
            reports.mkdir()
            for form_factor in form_factors:
                for lang in languages:
                    for name, path in pages:
                        prefix = "" if lang == "da" else f"{lang}/"
                        page = f"/{prefix}{path}"
                        summaries = []
                        for run in range(runs):
                            key = f"{form_factor} {page}" + (f" run {run + 1}" if runs > 1 else "")
                            output = reports / f"{form_factor}-{lang}-{name}-{run + 1}.json"
                            try:
                                report = run_lighthouse(cli, base + prefix + path, form_factor, output,
                                                        args.cpu_slowdown if form_factor == "mobile" else None)
                            except (BenchError, subprocess.TimeoutExpired, OSError, ValueError) as err:
                                results["errors"][key] = str(err)
                                log(f"{key}: {err}")
                                continue
                            results["meta"]["chromium"] = report["environment"]["hostUserAgent"].split("Chrome/")[-1].split()[0]
                            results["meta"]["axe_core"] = report["environment"].get("credits", {}).get("axe-core")
                            summary = summarise(report)
                            summary["report"] = str(output) if args.keep else None
                            summaries.append(summary)
                            log(f"{key}: " + ", ".join(f"{LABELS[c]} {summary['scores'][c]}" for c in CATEGORIES))
                        if summaries:
                            results["pages"].append({"page": f"{page} ({name})", "path": page, "language": lang, "form_factor": form_factor,
                                                     **median_run(summaries)})
                            save()
    except BenchError as err:
        results["errors"]["setup"] = str(err)
        log(str(err))
    finally:
        results["meta"]["total_s"] = round(time.perf_counter() - started, 1)
        results["missed"] = [{"page": r["page"], "form_factor": r["form_factor"], "category": c, "score": r["scores"][c], "target": TARGETS[c]}
                             for r in results["pages"] for c in r["failing"]]
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
