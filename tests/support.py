"""What the tests and the benchmarks share: a copy of the project, a strict build of it, and servers on 127.0.0.1.

Python's static server (`serve`), `mkdocs serve` (`mkdocs_serve`) and nginx
with deploy/nginx.conf (`nginx`), each a context manager that stops what it
started; `fetch` and `wait_for` poll what they serve. Chromium's launch
settings are here too, for Playwright and for Lighthouse.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# What a build needs from the project.
PROJECT_PARTS = ["mkdocs.yml", "challenges", "docs", "hooks", "schema", "overrides"]
BUILD_TIMEOUT_S = 600

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Chromium flags for a closed network, as root, without a screen.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --------------------------------------------------------------------------- the project and its build


@dataclass
class Build:
    """The outcome of one `mkdocs build`, and what it cost: wall and CPU seconds, the peak memory of its process."""

    returncode: int
    output: str
    site: Path
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy of the project's sources (from `source`, this checkout unless told) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / part, target / part)
    return target


def build(project: Path, site: Path, generator: Sequence[str] = MKDOCS, **env: str) -> Build:
    """Run a strict `mkdocs build` (or `generator`'s, such as ProperDocs') of `project` into `site`, as a user would.

    `env` is added to this process's environment. The build runs in a process
    of its own, so its CPU time and peak memory are its own.
    """
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*generator, "build", "--strict", "--site-dir", str(site)],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        timer = threading.Timer(BUILD_TIMEOUT_S, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    return Build(process.returncode, output, site, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def venv_made(target: str) -> None:
    """Make the Makefile's `target` (a second venv such as .venv-properdocs/.installed), once, from the pinned versions."""
    result = subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def builds_by(generators: dict[str, Sequence[str]], workdir: Path, **env: str) -> dict[str, tuple[Path, str]]:
    """The site built by each generator, each from its own copy of one snapshot of the sources, in `workdir`: {name: (site, output)}."""
    sources = copy_project(workdir / "sources")
    sites = {}
    for name, generator in generators.items():
        project = workdir / f"{name}-project"
        shutil.copytree(sources, project)
        result = build(project, workdir / f"{name}-site", generator, **env, PYTHONPATH=str(project / "hooks"))
        assert result.returncode == 0, f"{name}: {result.output}"
        sites[name] = (result.site, result.output)
    return sites


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path, with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- servers


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 from a thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path, ready: str = "", **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve --livereload` of `project` on a free port, its output in `log`; yields (base URL, process) once `ready` is served."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: process.poll() is not None or fetch(base + ready), 300, "mkdocs serve to start")
            if process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{log.read_text(errors='replace')[-3000:]}")
            yield base, process
        finally:
            _stop(process)


@contextlib.contextmanager
def nginx(site: Path, port: int, workdir: Path) -> Iterator[str]:
    """Debian's nginx serving `site` on 127.0.0.1:`port` with deploy/nginx.conf (only `listen` and `root` changed); yields the base URL."""
    base = f"http://127.0.0.1:{port}/"
    conf = workdir / "nginx"
    conf.mkdir(parents=True)
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /var/www/govtech/site;", f"root {site};")
    (conf / "site.conf").write_text(server)
    temp = "".join(f"  {name}_temp_path {conf / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (conf / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "") + f"worker_processes 1;\npid {conf}/nginx.pid;\nerror_log {conf}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        f"{temp}  include {conf}/site.conf;\n}}\n"
    )
    command = ["nginx", "-p", str(conf), "-c", str(conf / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refuses the configuration:\n{check.stderr}")
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: process.poll() is not None or fetch(base, timeout=2) is not None, 20, "nginx to start")
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped:\n{(conf / 'error.log').read_text(errors='replace')}")
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """End a server this module started, and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str | None:
    """The body at `url`, or None while the server cannot answer it with the page."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, OSError):
        return None


def wait_for(condition: Callable[[], Any], timeout: float = 60.0, what: str = "the condition") -> Any:
    """Poll `condition` until it returns something truthy; raise TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.02)
    raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")


def wait_for_text(url: str, text: str, timeout: float = 60.0) -> None:
    """Poll the page at `url` until it is served and holds `text`; raise TimeoutError after `timeout` seconds."""
    wait_for(lambda: text in (fetch(url) or ""), timeout, f"{text!r} at {url}")
