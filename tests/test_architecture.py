"""The package's shape: layers that data flows through one way, no import cycles, small
modules, and a reader hash that notices any change to how files become units."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import briefs
import pytest

import assistant.ingest.collection
from assistant.index import store
from assistant.index.live import ensure_index
from tests.conftest import ROOT

PACKAGE = ROOT / "assistant"
MAX_LINES = 430  # "about 400": a module past this is doing more than one thing
# The one module of domain types holds the whole domain by design (one place to read every
# model and field description); it gets more room, not a second home.
MAX_MODELS_LINES = 500


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter's contracts in pyproject.toml, checked against the package in `root`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    check = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(root / 'pyproject.toml')!r}, no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", check], cwd=root, env=env, capture_output=True, text=True
    )


def package_copy(tmp_path: Path) -> Path:
    """The package and its pyproject.toml, copied where they can be edited."""
    shutil.copytree(PACKAGE, tmp_path / "assistant", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_data_flows_one_way_and_no_subpackages_import_each_other_in_a_cycle():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        # A lower layer reaching up: the index importing the web app.
        ("index/units.py", "from assistant.web import markdown  # noqa\n"),
        # A cycle between siblings: search already imports index.
        ("index/keywords.py", "from assistant.search import glossary  # noqa\n"),
    ],
)
def test_the_contracts_fail_on_an_upward_import_or_a_cycle(tmp_path, module, line):
    root = package_copy(tmp_path)
    path = root / "assistant" / module
    path.write_text(path.read_text() + line)
    run = lint_imports(root)
    assert run.returncode != 0 and "BROKEN" in run.stdout, run.stdout + run.stderr


def test_no_module_is_much_over_400_lines():
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    limit = {"assistant/models.py": MAX_MODELS_LINES}
    assert {name: n for name, n in sizes.items() if n > limit.get(name, MAX_LINES)} == {}


INSIDES = {"explorer", "retriever", "index", "glossary", "encoder", "chunks_by_id"}


def test_the_web_app_and_the_cli_use_the_assistant_only_through_its_methods():
    """They never reach into its index, retriever, explorer or glossary, nor clean a
    question themselves: the `Assistant` does."""
    callers = [*(PACKAGE / "web").rglob("*.py"), PACKAGE / "cli.py"]
    for path in callers:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reached = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} & INSIDES
        named = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert not reached, f"{path.name} reaches into the assistant: {reached}"
        assert "clean_question" not in named, path.name


# --- The reader hash ---------------------------------------------------------------------


def test_every_ingest_module_and_the_unit_builder_are_in_the_reader_hash(tmp_path):
    root = package_copy(tmp_path) / "assistant"
    before = store.readers_digest(root)
    readers = [*sorted((root / "ingest").rglob("*.py")), root / "index" / "units.py"]
    assert len(readers) > 10
    for path in readers:
        original = path.read_text()
        path.write_text(original + "\n# a change\n")
        assert store.readers_digest(root) != before, f"{path.relative_to(root)} is not hashed"
        path.write_text(original)
    assert store.readers_digest(root) == before
    # Modules that do not read files are not part of it: a new answer wording re-reads nothing.
    (root / "messages.py").write_text("# reworded\n")
    assert store.readers_digest(root) == before


def test_a_changed_section_cue_reads_unchanged_files_again(
    settings, fake_encoder, monkeypatch, tmp_path_factory
):
    (settings.corpus_dir / "baby-g.md").write_bytes(briefs.markdown())
    ensure_index(settings, fake_encoder)
    parsed: list[str] = []
    real = assistant.ingest.collection.parse_source

    def spy(name, data, **kwargs):
        parsed.append(name)
        return real(name, data, **kwargs)

    monkeypatch.setattr(assistant.ingest.collection, "parse_source", spy)
    ensure_index(settings, fake_encoder)
    assert parsed == []  # nothing changed: nothing read

    root = package_copy(tmp_path_factory.mktemp("edited")) / "assistant"
    cues = root / "ingest" / "cues.py"
    cues.write_text(cues.read_text().replace("|quick links", "|quick links|see also"))
    assert "|see also" in cues.read_text()  # the edit took
    monkeypatch.setattr(store, "PACKAGE", root)
    store.pipeline_version.cache_clear()
    try:
        index = ensure_index(settings, fake_encoder)
    finally:
        store.pipeline_version.cache_clear()
    assert sorted(parsed) == ["baby-g.md", "learning-from-reviews.txt"]
    assert index.stats is not None and index.stats.embedded == 0  # the vectors are reused
