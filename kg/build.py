"""`kg build`: reports folder -> graph.ttl, graph.html, summary.json, text/.

Every output is written to a temporary file beside it and renamed into place,
so an interrupted build leaves the previous complete output.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .extract import DocFacts, extract
from .graph import ENTITY_TYPES, build_graph, serialize
from .normalize import DecodeError, normalize

INPUT_SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


class BuildError(Exception):
    """The build as a whole cannot run (missing folder, nothing to read)."""


@dataclass
class BuildResult:
    documents: int
    entities: dict[str, int]
    triples: int
    amounts: int
    relations: int
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    shacl_conforms: bool | None = None
    shacl_violations: int = 0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "entities": self.entities,
            "triples": self.triples,
            "amounts": self.amounts,
            "relations": self.relations,
            "shacl": {"conforms": self.shacl_conforms, "violations": self.shacl_violations},
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


def list_inputs(input_dir: Path) -> list[Path]:
    if not input_dir.exists():
        raise BuildError(f"{input_dir}: input folder does not exist")
    if not input_dir.is_dir():
        raise BuildError(f"{input_dir}: not a folder")
    return sorted(p for p in input_dir.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)


def read_report(path: Path) -> str:
    """Normalised text of one report; raises ValueError/OSError with a reason."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DecodeError(f"too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
    text = normalize(path.read_bytes())
    if not text.strip():
        raise DecodeError("no text after normalisation")
    return text


def atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def validate(ttl: str) -> tuple[bool, int, str]:
    """SHACL validation of the graph against ontology/shapes.ttl."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    data = Graph().parse(data=ttl, format="turtle")
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, report_graph, text = shacl(data, shacl_graph=shapes, inference="none", advanced=False)
    from rdflib.namespace import SH

    n = len(list(report_graph.subjects(predicate=SH.resultSeverity)))
    return bool(conforms), n, text


def extract_all(paths: list[Path], warn) -> tuple[list[DocFacts], list[str]]:
    docs, skipped = [], []
    for p in paths:
        try:
            text = read_report(p)
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            warn(f"{p}: skipped: {reason}")
            skipped.append(p.name)
            continue
        docs.append(extract(text, p.name))
    return docs, skipped


def build(input_dir: Path, out_dir: Path, *, shacl: bool = True, html: bool = True, warn=print) -> BuildResult:
    """Build the graph of every report in ``input_dir`` into ``out_dir``."""
    paths = list_inputs(input_dir)
    if not paths:
        raise BuildError(f"{input_dir}: no .txt/.html reports found")
    docs, skipped = extract_all(paths, warn)
    graph = build_graph(docs)
    graph.parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")  # self-describing: indicator labels, units, classes
    ttl = serialize(graph)
    counts: Counter[str] = Counter()
    from rdflib import RDF

    from .graph import KGO, SCHEMA

    for t in ENTITY_TYPES:
        counts[t] = len(set(graph.subjects(RDF.type, KGO[t])))
    result = BuildResult(
        documents=len(docs),
        entities={t: counts[t] for t in ENTITY_TYPES},
        triples=len(graph),
        amounts=len(set(graph.subjects(RDF.type, SCHEMA.MonetaryAmount))),
        relations=sum(1 for _ in graph.subjects(RDF.type, RDF.Statement)),
        skipped=skipped,
        warnings=[f"{s}: skipped" for s in skipped],
    )
    if shacl:
        conforms, n, text = validate(ttl)
        result.shacl_conforms, result.shacl_violations = conforms, n
        if not conforms:
            warn(f"SHACL: {n} violation(s) of ontology/shapes.ttl")
            result.warnings.append(f"SHACL: {n} violation(s)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for d in docs:
        atomic_write(out_dir / "text" / f"{d.doc_id}.txt", d.text)
    if html:
        from .html import render_html

        atomic_write(out_dir / "graph.html", render_html(graph))
    atomic_write(out_dir / "summary.json", json.dumps(result.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    atomic_write(out_dir / "graph.ttl", ttl)
    from .store import write_store

    write_store(out_dir / "graph.ttl", out_dir)
    return result
