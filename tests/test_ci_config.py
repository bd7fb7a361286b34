"""The GitHub workflow forks inherit runs `make test` on pushes and pull requests, with pip's
cache keyed on pyproject.toml; the Binder environment installs the course and opens lesson 00."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"


def test_workflow_runs_make_test_on_pushes_and_pull_requests():
    import yaml  # PyYAML comes with JupyterLab (jupyter_events)

    doc = yaml.safe_load(WORKFLOW.read_text())
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    steps = [step for job in doc["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert any(line.strip().startswith("make test") for run in runs for line in
               run.splitlines())
    python = next(step for step in steps if step.get("uses", "").startswith(
        "actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "pyproject.toml"
    assert any("bubblewrap" in run and "apt-get install" in run for run in runs)


def test_binder_environment_installs_the_course_and_starts_at_lesson_00():
    binder = ROOT / "binder"
    assert (binder / "requirements.txt").is_file() and (binder / "runtime.txt").is_file()
    post = binder / "postBuild"
    assert post.stat().st_mode & 0o111, "repo2docker runs postBuild only if executable"
    text = post.read_text()
    assert "pip install" in text and "-e ." in text
    start = text.split("default_url = ")[1].split()[0].strip('"')
    assert (ROOT / start.removeprefix("/lab/tree/")).is_file(), start
    assert "graphviz" in (binder / "apt.txt").read_text().split()
