"""Profile one in-process `mkdocs build` of a project: `python profile_build.py PROJECT SITE OUT.prof`.

Run by run.py in a fresh interpreter, so that nothing is cached from an
earlier build; the profile is written with cProfile's own format for pstats.
"""

from __future__ import annotations

import cProfile
import os
import sys
import time
from pathlib import Path


def main() -> None:
    project, site, out = (Path(arg).resolve() for arg in sys.argv[1:4])
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    build(config)
    profiler.disable()
    print(f"{time.perf_counter() - start:.3f}")
    profiler.dump_stats(str(out))


if __name__ == "__main__":
    main()
