"""The `kg` command line: parses arguments and calls library functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import BuildError, InterruptedAfterCommit


@click.group()
@click.version_option(package_name="kg")
def main() -> None:
    """kg: knowledge graphs from Chinese industrial-policy work reports."""


@main.command("build")
@click.argument("input_dir", default="seeds", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="out", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 256), help="Extraction processes.")
@click.option("--no-cache", is_flag=True, help="Re-extract every document (ignore OUT/cache).")
@click.option("--no-shacl", is_flag=True, help="Skip SHACL validation.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--max-mb", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Skip files larger than this.")
@click.option("--store", is_flag=True, help="Load OUT/store now instead of at the first query.")
@click.option("--strict", is_flag=True, help="Treat any skipped file as an error.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Your own names (TYPE<tab>NAME[<tab>ALIAS…] a line); repeatable.")
@click.option("--engine", default="local", show_default=True, type=click.Choice(["local", "dask"]),
              help="Where extraction runs: this machine's processes, or Dask distributed (pip install 'kg[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --engine dask; without it a local cluster of "
                   "max(--jobs, 2) workers. Workers must see INPUT_DIR and OUT at the same paths.")
def build_cmd(input_dir: Path, out_dir: Path, jobs: int, no_cache: bool, no_shacl: bool, no_html: bool, max_mb: int,
              store: bool, strict: bool, lexicons: tuple[Path, ...], engine: str, scheduler: str | None) -> None:
    """Read every report (.txt, .html) in INPUT_DIR and write OUT/graph.ttl,
    graph.html, summary.json, text/ and store/.

    Files that cannot be used (empty, binary, too large, unreadable, not a
    regular file, a symbolic link leading outside INPUT_DIR) are named with
    the reason on one line each and skipped; the rest still builds.

    \b
    Exit codes:
      0    built (skipped files are reported)
      1    nothing could be built (missing folder, no readable report)
      2    bad command-line usage
      3    --strict and at least one file was skipped
      130  interrupted (Ctrl-C or SIGTERM); the previous output is left in place
           (or, interrupted while outputs were renamed, the new one is complete)
    """
    import signal

    from extractors.user_lexicon import LexiconError, read_lexicon

    from .build import build

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        lexicon = tuple(e for path in lexicons for e in read_lexicon(path))
    except LexiconError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)

    def warn(msg: str) -> None:
        click.echo(f"warning: {msg}", err=True)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    progress = ProgressReporter()
    try:
        result = build(input_dir, out_dir, shacl=not no_shacl, html=not no_html, warn=warn, jobs=jobs,
                       cache=not no_cache, max_bytes=max_mb * 2**20, progress=progress, store=store,
                       lexicon=lexicon, engine=engine, scheduler=scheduler)
    except BuildError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except InterruptedAfterCommit:
        click.echo("error: interrupted as the build finished; the new output is complete", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("error: interrupted; the previous output is left in place", err=True)
        sys.exit(130)
    finally:
        progress.close()
    ents = ", ".join(f"{t} {n}" for t, n in result.entities.items())
    click.echo(f"documents: {result.documents} (skipped {len(result.skipped)}, extracted {result.extracted}, "
               f"cached {result.documents - result.extracted})")
    click.echo(f"entities: {sum(result.entities.values())} ({ents})")
    click.echo(f"amounts: {result.amounts}  relations: {result.relations}  triples: {result.triples}")
    if result.shacl_conforms is not None:
        click.echo(f"SHACL: {'conforms' if result.shacl_conforms else f'{result.shacl_violations} violation(s)'}")
    click.echo(f"wrote {out_dir}/graph.ttl, graph.html, summary.json, text/"
               + (", store/" if store else " (store/ is loaded at the first query)"))
    if strict and result.skipped:
        click.echo(f"error: --strict: {len(result.skipped)} file(s) skipped", err=True)
        sys.exit(3)


class ProgressReporter:
    """A progress bar on a terminal; plain lines (every tenth) elsewhere, e.g. in CI."""

    def __init__(self) -> None:
        self.bar = None
        self.tty = sys.stderr.isatty()
        self.last = 0

    def __call__(self, done: int, total: int) -> None:
        if total <= 5:
            return
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
                self.bar.__enter__()
            self.bar.update(done - self.last)
            self.last = done
        elif done == total or done * 10 // total > self.last * 10 // total:
            click.echo(f"extracted {done}/{total}", err=True)
            self.last = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("docs_dir", default="seeds", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Your own names, as for kg build.")
@click.option("-v", "--verbose", is_flag=True, help="List what was missed and what was found wrongly, per report.")
def evaluate_cmd(gold_dir: Path, docs_dir: Path, lexicons: tuple[Path, ...], verbose: bool) -> None:
    """Precision, recall and F1 of the extraction against hand annotations in
    GOLD_DIR (one <report stem>.json each; format in the README) for the
    reports in DOCS_DIR: per type, amounts, relations, strict and lenient."""
    from extractors.user_lexicon import LexiconError, read_lexicon

    from .evaluate import GoldError, evaluate, load_pairs, table

    try:
        lexicon = tuple(e for path in lexicons for e in read_lexicon(path))
        tally = evaluate(load_pairs(gold_dir, docs_dir, lexicon))
    except (GoldError, LexiconError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(table(tally))
    if verbose:
        for what, found in (("missed", tally.missed), ("spurious", tally.spurious)):
            for tag, names in found.items():
                if names:
                    click.echo(f"{tag} {what}: {', '.join(names)}")


@main.command("query")
@click.argument("query", required=False)
@click.option("-f", "--file", "qfile", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Query file (.rq).")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--format", "fmt", default="table", type=click.Choice(["table", "csv", "tsv", "json", "turtle"]))
@click.option("--list", "list_", is_flag=True, help="List the bundled questions.")
def query_cmd(query: str | None, qfile: Path | None, out_dir: Path, fmt: str, list_: bool) -> None:
    """Run a SPARQL QUERY, a bundled question by NAME, or -f FILE against the
    last build.  Prefixes kgo:, kgr:, rdfs:, skos:, prov:, qb:, schema:,
    dcterms:, org:, xsd:, sdmx-*: are predeclared."""
    from .query import QueryError, bundled, execute, render
    from .store import open_store

    if list_:
        for name, (question, _q) in bundled().items():
            click.echo(f"{name:32} {question}")
        return
    if qfile is not None:
        query = qfile.read_text(encoding="utf-8")
    elif query and query in bundled():
        query = bundled()[query][1]
    if not query:
        raise click.UsageError("give a query, a bundled question name (see --list) or -f FILE")
    try:
        store = open_store(out_dir)
        click.echo(render(execute(store, query), fmt), nl=False)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except QueryError as e:
        click.echo(f"error: query: {e}", err=True)
        sys.exit(1)


@main.command("explain")
@click.argument("name")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
def explain_cmd(name: str, out_dir: Path) -> None:
    """Print an entity's types, labels, every mention with its sentence, and
    its edges with their evidence."""
    from .explain import explain, find_entities
    from .store import load_graph

    try:
        g = load_graph(out_dir)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    nodes = find_entities(g, name)
    if not nodes:
        click.echo(f"error: no entity named {name!r} in {out_dir}/graph.ttl", err=True)
        sys.exit(1)
    for n in nodes:
        click.echo(explain(g, n))


@main.command("serve")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise).")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-rows", default=10000, show_default=True, type=int, help="Rows a result may have.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
def serve_cmd(out_dir: Path, host: str, port: int, timeout: float, max_rows: int, workers: int) -> None:
    """Serve the last build read-only: SPARQL 1.1 Protocol at /sparql (GET and
    POST; JSON, CSV, TSV, XML by Accept header) and a query page at /."""
    from .serve import make_server

    try:
        server, runner = make_server(out_dir, host, port, timeout, max_rows, workers)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(f"serving {out_dir}/graph.ttl at http://{host}:{port}/ (SPARQL endpoint /sparql); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        runner.close()


@main.command("viz")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--focus", help="Show the neighbourhood of the entity with this name.")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(0, 10), help="Neighbourhood radius.")
@click.option("--types", help="Comma-separated entity types to show, e.g. Enterprise,Program.")
@click.option("--limit", default=2000, show_default=True, type=click.IntRange(1), help="Most nodes a view draws.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), help="HTML file to write (default OUT/view.html).")
def viz_cmd(out_dir: Path, focus: str | None, hops: int, types: str | None, limit: int, out_file: Path | None) -> None:
    """Write an interactive HTML view of (part of) the last build."""
    from .build import atomic_write
    from .graph import ENTITY_TYPES
    from .html import render_html
    from .store import load_graph

    type_list = [t.strip() for t in types.split(",")] if types else None
    bad = [t for t in type_list or [] if t not in ENTITY_TYPES]
    if bad:
        raise click.UsageError(f"unknown type(s) {', '.join(bad)}; choose from {', '.join(ENTITY_TYPES)}")
    try:
        view_file = out_dir / "view.json"
        if view_file.exists() and view_file.stat().st_mtime >= (out_dir / "graph.ttl").stat().st_mtime:
            data = json.loads(view_file.read_text(encoding="utf-8"))
            page = render_html(view=(data["nodes"], data["edges"]), focus=focus, hops=hops, types=type_list, limit=limit)
        else:
            page = render_html(load_graph(out_dir), focus=focus, hops=hops, types=type_list, limit=limit)
    except (FileNotFoundError, ValueError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    target = out_file or out_dir / "view.html"
    atomic_write(target, page)
    click.echo(f"wrote {target}")


if __name__ == "__main__":
    main()
