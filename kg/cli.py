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
@click.option("--jobs", "-j", default=None, type=click.IntRange(1, 256),
              help="Extraction processes.  [default: the usable CPUs; fewer than 32 new reports: this process]")
@click.option("--no-cache", is_flag=True, help="Re-extract every document (ignore OUT/cache).")
@click.option("--no-shacl", is_flag=True, help="Skip SHACL validation.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--max-mb", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Skip files larger than this.")
@click.option("--store", is_flag=True, help="Load OUT/store even with --no-shacl (SHACL runs in it, so it is loaded anyway).")
@click.option("--strict", is_flag=True, help="Treat any skipped file as an error.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Your own names (TYPE<tab>NAME[<tab>ALIAS…] a line); repeatable.")
@click.option("--engine", default="local", show_default=True, type=click.Choice(["local", "dask"]),
              help="Where extraction runs: this machine's processes, or Dask distributed (pip install 'kg[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --engine dask; without it a local cluster of "
                   "max(--jobs, 2) workers. Workers must see INPUT_DIR and OUT at the same paths.")
def build_cmd(input_dir: Path, out_dir: Path, jobs: int | None, no_cache: bool, no_shacl: bool, no_html: bool, max_mb: int,
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
               + (", store/" if store or not no_shacl else " (store/ is loaded at the first query)"))
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
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to the string VALUE (safely, not pasted into the query); repeatable.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True),
              help="Seconds the query may run (as kg serve).")
def query_cmd(query: str | None, qfile: Path | None, out_dir: Path, fmt: str, list_: bool,
              params: tuple[str, ...], timeout: float) -> None:
    """Run a SPARQL QUERY, a bundled question by NAME, or -f FILE against the
    last build.  Prefixes kgo:, kgr:, rdfs:, skos:, prov:, qb:, schema:,
    dcterms:, org:, xsd:, sdmx-*: are predeclared.  A table with no rows
    prints `0 rows`."""
    import re

    from .query import QueryError, bundled, declared_params, execute, render, within
    from .sandbox import no_network
    from .store import open_store

    if list_:
        for name, (question, _q) in bundled().items():
            click.echo(f"{name:32} {question}")
        return
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not re.fullmatch(r"\w+", name):
            raise click.UsageError(f"--param {p!r}: give NAME=VALUE")
        bound[name] = value
    if qfile is not None:
        query = qfile.read_text(encoding="utf-8")
    elif query and query in bundled():
        query = bundled()[query][1]
    elif query and re.fullmatch(r"[A-Za-z_][\w-]*", query):
        click.echo(f"error: no bundled question named {query!r}; bundled: {', '.join(bundled())}", err=True)
        sys.exit(1)
    if not query:
        raise click.UsageError("give a query, a bundled question name (see --list) or -f FILE")
    bound = {**declared_params(query), **bound}
    try:
        store = open_store(out_dir)
        # the query's own thread leaves the network first: the second wall, for a SERVICE clause that got
        # past the check (a namespace is per thread, so the rest of the process is untouched)
        def offline():
            no_network()
            return execute(store, query, params=bound)

        res = within(offline, timeout)
        if fmt == "table" and res.kind == "select" and not res.rows:
            click.echo("0 rows")
            return
        click.echo(render(res, fmt), nl=False)
    except KeyboardInterrupt:
        click.echo("error: query: interrupted", err=True)
        _exit_now(130)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except QueryError as e:
        click.echo(f"error: query: {e}", err=True)
        sys.exit(1)


def _exit_now(code: int) -> None:
    """Leave at once while an abandoned query still runs on its thread: a
    running Oxigraph query cannot be cancelled, and the interpreter's shutdown
    could wait on the store it holds (seen under load: a Ctrl-C that took over
    a minute)."""
    import os
    import threading

    if any(t.name == "kg-query" and t.is_alive() for t in threading.enumerate()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


@main.group("analyze", invoke_without_command=True)
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="Rows per table.")
@click.pass_context
def analyze_cmd(ctx: click.Context, out_dir: Path, top: int) -> None:
    """Network analytics of the entities and their contract relations: degree,
    betweenness, communities, components (the same scores the build writes as
    kgo:degree, kgo:betweenness, kgo:community, kgo:component)."""
    from .analytics import load, summary

    try:
        ctx.obj = load(out_dir)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    ctx.meta["top"] = top
    if ctx.invoked_subcommand is None:
        click.echo(summary(ctx.obj, top), nl=False)


@analyze_cmd.command("path")
@click.argument("source")
@click.argument("target")
@click.pass_context
def analyze_path_cmd(ctx: click.Context, source: str, target: str) -> None:
    """A shortest path between two named entities (direction ignored): over
    contract relations, else through the reports that name them."""
    from .analytics import NotFound, load, path_text

    out_dir = ctx.parent.params["out_dir"]
    try:
        click.echo(path_text(ctx.obj, source, target, lambda: load(out_dir, reports=True)), nl=False)
    except NotFound as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)


@analyze_cmd.command("programs")
@click.pass_context
def analyze_programs_cmd(ctx: click.Context) -> None:
    """Programs that share enterprises (the enterprise-program projection)."""
    from .analytics import projection_text

    click.echo(projection_text(ctx.obj, ctx.meta["top"] * 2), nl=False)


@main.command("export")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--format", "fmt", required=True, type=click.Choice(["graphml", "gexf", "csv", "nt", "jsonld"]))
@click.option("--out", "target", type=click.Path(path_type=Path),
              help="File to write (for csv: a folder); default OUT/export/.")
def export_cmd(out_dir: Path, fmt: str, target: Path | None) -> None:
    """Export the last build: graphml or gexf (entities and contract relations
    with label, type, colour, degree, community: Gephi, yEd, networkx), csv
    (entities.csv and relations.csv, UTF-8 with BOM for Excel), nt or jsonld
    (the whole graph, for other triple stores)."""
    from .export import write

    try:
        paths = write(out_dir, fmt, target)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    for p in paths:
        click.echo(f"wrote {p}")


@main.command("explain")
@click.argument("name")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
def explain_cmd(name: str, out_dir: Path) -> None:
    """Print an entity's types, labels, every mention with its sentence, and
    its edges with their evidence."""
    from .explain import explain_from_store
    from .store import open_store

    try:
        texts = explain_from_store(open_store(out_dir), name)
    except FileNotFoundError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if not texts:
        click.echo(f"error: no entity named {name!r} in {out_dir}/graph.ttl", err=True)
        sys.exit(1)
    for text in texts:
        click.echo(text)


@main.command("serve")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True),
              help="Seconds a query may take from its arrival, the wait for a worker included.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(1), help="Rows a result may have.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query worker processes.")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(0),
              help="MB of address space a query worker may use (0: no cap).")
def serve_cmd(out_dir: Path, host: str, port: int, timeout: float, max_rows: int, workers: int, max_memory: int) -> None:
    """Serve the last build read-only: SPARQL 1.1 Protocol at /sparql (GET and
    POST; JSON, CSV, TSV, XML by Accept header; CONSTRUCT in Turtle,
    N-Triples, JSON-LD, RDF/XML) and a query page at /.  SIGHUP reloads
    graph.ttl into all workers at once; Ctrl-C or SIGTERM stops."""
    import signal
    import threading

    from .serve import ServeError, is_loopback, make_server

    if not is_loopback(host):
        click.echo(f"warning: --host {host}: the endpoint is reachable from the network, not only this machine",
                   err=True)
    try:
        server, runner = make_server(out_dir, host, port, timeout, max_rows, workers, max_memory)
    except (FileNotFoundError, ServeError, RuntimeError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    def reload() -> None:
        try:
            click.echo(f"reloaded {out_dir}/graph.ttl (generation {runner.reload()})", err=True)
        except Exception as e:  # noqa: BLE001 - the old graph keeps serving
            click.echo(f"error: reload failed, still serving the previous graph: {e}", err=True)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, lambda signum, frame: threading.Thread(target=reload, daemon=True).start())
    click.echo(f"serving {out_dir}/graph.ttl at http://{host}:{server.server_address[1]}/ (SPARQL endpoint /sparql); "
               "Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
        runner.close()


@main.command("viz")
@click.option("--graph", "out_dir", default="out", type=click.Path(path_type=Path), help="Build output folder.")
@click.option("--focus", help="Show the neighbourhood (networkx ego graph) of the entity with this name.")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(0, 10), help="Neighbourhood radius.")
@click.option("--types", help="Comma-separated entity types to show, e.g. Enterprise,Program.")
@click.option("--no-reports", is_flag=True, help="No report nodes: neighbourhoods over contract relations only.")
@click.option("--limit", default=2000, show_default=True, type=click.IntRange(1), help="Most entities a view draws.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), help="HTML file to write (default OUT/view.html).")
def viz_cmd(out_dir: Path, focus: str | None, hops: int, types: str | None, no_reports: bool, limit: int,
            out_file: Path | None) -> None:
    """Write an interactive HTML view of (part of) the last build and say what it draws.

    Reports are nodes linked to the entities they name, so a neighbourhood
    reaches what the same reports talk about (--no-reports: contract
    relations only, which are sparse)."""
    from .files import atomic_write
    from .html import graph_data, render_view
    from .store import load_graph
    from .vocab import ENTITY_TYPES

    type_list = [t.strip() for t in types.split(",")] if types else None
    bad = [t for t in type_list or [] if t not in ENTITY_TYPES]
    if bad:
        raise click.UsageError(f"unknown type(s) {', '.join(bad)}; choose from {', '.join(ENTITY_TYPES)}")
    try:
        view_file = out_dir / "view.json"
        if view_file.exists() and view_file.stat().st_mtime >= (out_dir / "graph.ttl").stat().st_mtime:
            data = json.loads(view_file.read_text(encoding="utf-8"))
            view = (data["nodes"], data["edges"])
        else:
            view = graph_data(load_graph(out_dir))
        page, said = render_view(view, focus=focus, hops=hops, types=type_list, limit=limit, reports=not no_reports)
    except (FileNotFoundError, ValueError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    target = out_file or out_dir / "view.html"
    atomic_write(target, page)
    click.echo(said)
    click.echo(f"wrote {target}")


if __name__ == "__main__":
    main()
