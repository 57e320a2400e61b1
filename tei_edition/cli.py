"""The `tei-edition` command line: one subcommand per job; errors are one line each, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import InputError


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-edition")
def cli() -> None:
    """Turn plain-text transcriptions of diplomatic documents into a TEI P5 scholarly edition."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the TEI files (<stem>.xml).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Edition configuration (default: edition.toml beside the sources).")
@click.option("--register", "register_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Authority file (default: the configuration's, else the toolkit's genre register).")
@click.option("--encoding", default="utf-8", show_default=True, help="Character encoding of the sources.")
@click.option("--max-bytes", default=2 * 1024 * 1024, show_default=True, help="Refuse larger source files.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the names not in the register (default: OUTDIR/unregistered-names.tsv).")
def convert(sources: tuple[Path, ...], outdir: Path, config_path: Path | None, register_path: Path | None,
            encoding: str, max_bytes: int, report_path: Path | None) -> None:
    """Convert transcriptions (SOURCES) into TEI P5 files in OUTDIR."""
    from .convert import convert_source, resolve_setup, unregistered_report, write_atomic

    try:
        config, register = resolve_setup(list(sources), config_path, register_path)
    except InputError as exc:
        _say(exc.message())
        sys.exit(2)
    failed = 0
    results = []
    owners: dict[str, Path] = {}
    sources = tuple(dict.fromkeys(sources, None))  # (a file named twice is converted once)
    for source in sources:
        target = outdir / f"{source.stem}.xml"
        if _taken(owners, target, source):
            failed += 1
            continue
        try:
            result = convert_source(source, register, config, encoding=encoding, max_bytes=max_bytes)
        except InputError as exc:
            _say(exc.message())
            failed += 1
            _remove_stale(target)
            continue
        try:
            write_atomic(outdir / f"{source.stem}.xml", result.xml)
        except OSError as exc:  # the output folder cannot be written (permissions, disk full)
            _say(f"{exc.filename or outdir}: error: {exc.strerror or exc}")
            sys.exit(2)
        for warning in result.warnings:
            _say(warning)
        results.append(result)
    if any(r.unregistered for r in results) or report_path is not None:
        write_atomic(report_path or outdir / "unregistered-names.tsv", unregistered_report(results).encode("utf-8"))
        count = sum(len(r.unregistered) for r in results)
        if count:
            _say(f"{count} name(s) not in the register: see {report_path or outdir / 'unregistered-names.tsv'}")
    elif (outdir / "unregistered-names.tsv").is_file():
        # a report left by an earlier run would name names this run found in the register
        (outdir / "unregistered-names.tsv").unlink()
    _say(f"converted {len(results)} of {len(sources)} file(s)" + (f"; {failed} failed" if failed else ""))
    if failed:
        sys.exit(1)


def _taken(owners: dict[str, Path], target: Path, source: Path) -> bool:
    """True (and said) if another input of this run already makes `target`, or `target` is the input itself:
    no output silently replaces another or its own source; `owners` records each output's input."""
    if target.exists() and target.resolve() == source.resolve():
        _say(f"{source}: error: the output {target} would replace this input; choose another output folder")
        return True
    owner = owners.setdefault(target.name, source)
    if owner == source:
        return False
    _say(f"{source}: error: {owner} has the same name; both would be written to {target}")
    return True


def _remove_stale(target: Path) -> None:
    """Remove the output an earlier run made from an input that now fails: it no longer shows that input."""
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        _say(f"{target}: warning: the output of an earlier run could not be removed: {exc.strerror or exc}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True, type=click.Choice(["html", "text", "text-diplomatic"]),
              help="html: the document page (<stem>.html); text: the reading text (<stem>.reading.txt); "
                   "text-diplomatic: the transcription line for line (<stem>.txt).")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A rendering table overriding tei_edition/rendering.toml entry by entry (HTML).")
@click.option("--stylesheet", "override", type=click.Path(dir_okay=False, path_type=Path),
              help="An XSLT stylesheet whose templates override the package's (see docs/RENDERING.md).")
def render(files: tuple[Path, ...], fmt: str, outdir: Path, rules_path: Path | None, override: Path | None) -> None:
    """Render TEI FILES into an edition format in OUTDIR (for a whole site, use `build`)."""
    from .convert import write_atomic
    from .render import output_name, render_file, standalone_params, stylesheet

    try:
        stylesheet(fmt, rules_path, override)  # a broken table or stylesheet is one error, not one per file
    except InputError as exc:
        _say(exc.message())
        sys.exit(2)
    failed = 0
    owners: dict[str, Path] = {}
    files = tuple(dict.fromkeys(files, None))
    for path in files:
        target = outdir / output_name(path.stem, fmt)
        if _taken(owners, target, path):
            failed += 1
            continue
        try:
            # A page on its own links to its TEI file by a relative path from OUTDIR.
            params = standalone_params(path, outdir) if fmt == "html" else None
            data = render_file(path, fmt, params, rules=rules_path, override=override)
        except InputError as exc:
            _say(exc.message())
            failed += 1
            continue
        try:
            write_atomic(target, data)
        except OSError as exc:  # the output folder cannot be written (permissions, disk full)
            _say(f"{exc.filename or outdir}: error: {exc.strerror or exc}")
            sys.exit(2)
    _say(f"rendered {len(files) - failed} of {len(files)} file(s)" + (f"; {failed} failed" if failed else ""))
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check documents that pass the edition's layers against this official TEI schema "
                   "(tei_all.xsd or tei_all.rng; loading takes about 15 s).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="One line per problem and a summary, or a JSON report.")
@click.option("--max-bytes", default=50 * 1024 * 1024, show_default=True, help="Refuse larger XML files unread.")
def validate(paths: tuple[Path, ...], tei_all: Path | None, fmt: str, max_bytes: int) -> None:
    """Validate TEI files and folders (PATHS): well-formedness, the edition's XSD and Schematron rules."""
    from .validate import Validator, format_report

    try:
        validator = Validator(tei_all=tei_all, max_bytes=max_bytes)
    except InputError as exc:
        _say(exc.message())
        sys.exit(2)
    report = validator.validate_paths(paths)
    click.echo(format_report(report, fmt))
    sys.exit(report.exit_code)


@cli.command()
@click.argument("edition_dir", required=False, default="seeds", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the whole edition.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the documents [default: all cores].")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Make the print edition (WeasyPrint).")
@click.option("--latex/--no-latex", default=True, show_default=True, help="Write the reledmac LaTeX source.")
@click.option("--tex/--no-tex", "latex_pdf", default=None,
              help="Compile the LaTeX source [default: when xelatex is installed].")
@click.option("--bag/--no-bag", default=True, show_default=True, help="Make the BagIt deposit and its zip.")
@click.option("--force", is_flag=True, help="Rebuild everything, ignoring what the last build recorded.")
@click.option("--progress/--no-progress", default=None, help="Progress bars [default: when stderr is a terminal].")
@click.option("-q", "--quiet", is_flag=True, help="Do not list the converter's warnings.")
def build(edition_dir: Path, outdir: Path, jobs: int | None, pdf: bool, latex: bool, latex_pdf: bool | None,
          bag: bool, force: bool, progress: bool | None, quiet: bool) -> None:
    """Build the whole edition of EDITION_DIR (default: seeds) in OUTDIR: TEI, HTML site, texts, PDF, LaTeX,
    CMIF and a validated BagIt deposit. Only what changed since the last build is redone."""
    import signal

    from .build import BuildOptions
    from .build import build as run_build

    if progress is None:
        progress = sys.stderr.isatty()
    options = BuildOptions(jobs=jobs, pdf=pdf, latex=latex, latex_pdf=latex_pdf, bag=bag, force=force,
                           progress=progress)

    def _terminate(signum, frame):  # a kill stops like Ctrl-C: temporary files removed, state saved
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        result = run_build(edition_dir, outdir, options, say=(lambda m: None) if quiet else _say)
    except InputError as exc:
        _say(exc.message())
        sys.exit(2)
    except KeyboardInterrupt:
        _say("build interrupted: finished files are kept, the next build continues from them")
        sys.exit(130)
    except OSError as exc:  # the output folder cannot be written (permissions, disk full)
        _say(f"{exc.filename or outdir}: error: {exc.strerror or exc}")
        sys.exit(2)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in result.summary():
        _say(line)
    sys.exit(0 if result.ok else 1)


def main() -> None:
    """Entry point of the console script."""
    cli()
