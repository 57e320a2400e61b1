"""`output/` is the published edition of `seeds/`: rebuilt from scratch it must come out byte for byte the same.

When this fails after a change to the converter, stylesheets, schemas or seeds, run `tei-edition build` in
the repository (it writes `output/`) and commit the result.
"""

from __future__ import annotations

from conftest import REPO, SEEDS
from tei_edition.build import STATE_DIR, BuildOptions, build

OUTPUT = REPO / "output"
#: Not part of the published edition: the incremental state, and a PDF that exists only where TeX is installed.
IGNORED_PREFIXES = (STATE_DIR + "/",)
IGNORED = {"print/edition-latex.pdf"}


def _files(folder):
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not name.startswith(IGNORED_PREFIXES) and name not in IGNORED:
            found[name] = path.read_bytes()
    return found


def test_output_is_the_current_build_of_seeds(tmp_path):
    assert OUTPUT.is_dir(), "output/ is missing: run `tei-edition build` in the repository"
    result = build(SEEDS, tmp_path, BuildOptions(jobs=1, latex_pdf=False))
    assert result.ok, "\n".join(result.summary())
    fresh, published = _files(tmp_path), _files(OUTPUT)
    missing = sorted(set(fresh) - set(published))
    extra = sorted(set(published) - set(fresh))
    changed = sorted(name for name in set(fresh) & set(published) if fresh[name] != published[name])
    problems = [f"not in output/: {name}" for name in missing] + [f"not made by the build: {name}" for name in extra] \
        + [f"differs: {name}" for name in changed]
    assert not problems, "output/ is not the current build of seeds/ (run `tei-edition build`):\n" + "\n".join(problems[:40])


def test_a_second_build_is_identical(tmp_path):
    """The build is deterministic: building twice gives the same bytes (and the second does nothing)."""
    first = build(SEEDS, tmp_path / "a", BuildOptions(jobs=1, pdf=False, latex_pdf=False))
    again = build(SEEDS, tmp_path / "a", BuildOptions(jobs=1, pdf=False, latex_pdf=False))
    assert first.ok and again.ok and again.built == [] and again.pages == []
    other = build(SEEDS, tmp_path / "b", BuildOptions(jobs=2, pdf=False, latex_pdf=False))
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (tmp_path / "a" / STATE_DIR / "state.json").read_bytes() == (tmp_path / "b" / STATE_DIR / "state.json").read_bytes()
    assert other.ok
