"""Time the validation of a challenges folder in one warm process: `python validation_timing.py DIR [REPEAT]`.

Prints JSON: the import time of the validator, the wall time of each full
validation (`govtech.loading.load_catalogue`, what `govtech-validate` runs),
and how one of them divides between reading YAML, the schema check, the text
checks and the cross-file checks. The stages are timed by wrapping the
functions `load_files` calls, so the sum is the same work, not a model of it.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path


def main() -> None:
    directory = Path(sys.argv[1]).resolve()
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    start = time.perf_counter()
    from govtech import loading as model

    imported = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        catalogue = model.load_catalogue(directory)
        runs.append(time.perf_counter() - start)

    stages: dict[str, float] = defaultdict(float)

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - start
        return wrapper

    for name in ("read_yaml", "schema_problems", "text_problems", "challenge_problems", "duplicate_id_problems"):
        if hasattr(model, name):
            setattr(model, name, timed(name, getattr(model, name)))
    start = time.perf_counter()
    model.load_catalogue(directory)
    total = time.perf_counter() - start
    stages["other (listing files, building the model)"] = total - sum(stages.values())
    patterns = _pattern_times(directory, model)
    print(json.dumps({
        "files": len(catalogue.challenges),
        "import_s": imported,
        "runs_s": runs,
        "stages_s": dict(stages),
        "stages_total_s": total,
        "text_patterns_s": patterns,
    }))


def _pattern_times(directory: Path, model) -> dict[str, float]:
    """Seconds each regular expression that `text_problems` runs over whole texts takes over every text of every file."""
    import inspect
    import re

    from govtech import validation
    from govtech.yaml_reader import read_yaml

    texts = []
    for file in model.challenge_files(directory):
        doc = read_yaml(file, file.name)
        texts += [value for _, value in validation._strings(doc.data, ())] if doc.data is not None else []
    source = inspect.getsource(validation.text_problems)
    times = {}
    for name, pattern in vars(validation).items():
        if isinstance(pattern, re.Pattern) and re.search(rf"{name}\.(search|finditer|match)\(value", source):
            start = time.perf_counter()
            for text in texts:
                for _ in pattern.finditer(text):
                    pass
            times[name] = time.perf_counter() - start
    return times


if __name__ == "__main__":
    main()
