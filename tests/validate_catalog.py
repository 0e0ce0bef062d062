#!/usr/bin/env python3
"""Validates insyn's DCAT-AP-SE catalogue (data/catalog.rdf) the way the
national data portal reads it: parsed as RDF/XML, then checked with SHACL
against the official DCAT-AP 3.0.1 shapes in tests/shacl/dcat-ap-3.0.1/
(SEMICeu/DCAT-AP, releases/3.0.1/shacl; see the README there), plus the
rules SHACL cannot see: no blank nodes and every IRI absolute.

Needs Python 3 with pyshacl (which brings rdflib):  pip install -r tests/shacl/requirements.txt

    python3 tests/validate_catalog.py                   # builds the example site and the English fixture first
    python3 tests/validate_catalog.py output/data/catalog.rdf [more.rdf ...]
    python3 -m pytest tests/validate_catalog.py         # the same, as pytest tests

Exit status 0 when every catalogue conforms (0 violations), 1 when one does not.
Warnings are printed but do not fail the check.
"""

import functools
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import RDF, SKOS

SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
GOVE = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")

REPO = Path(__file__).resolve().parent.parent
SHAPES_DIR = REPO / "tests" / "shacl" / "dcat-ap-3.0.1"
# The release's whole shacl folder: dcat-ap-SHACL.ttl has every constraint,
# ranges.ttl the class ranges again plus the two DataService shapes that
# dcat-ap-SHACL.ttl names without defining (SEMICeu/DCAT-AP#448).
SHAPE_FILES = ["dcat-ap-SHACL.ttl", "ranges.ttl"]
SITES = {
    "example site": REPO,
    "English fixture": REPO / "tests" / "fixtures" / "english-site",
}


@functools.cache
def shapes() -> Graph:
    """The official shapes as one graph, without the links to property shapes
    neither file defines: ranges.ttl still lists five rdfs:Resource range
    shapes that 3.0.1 dropped, and a SHACL processor refuses a shape that
    points at one (pyshacl: "not a well-formed SHACL PropertyShape"). Such a
    link carries no constraint, so dropping it loses none."""
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES_DIR / name, format="turtle")
    dangling = [(s, o) for s, o in graph.subject_objects(SH.property) if (o, SH.path, None) not in graph]
    for s, o in dangling:
        graph.remove((s, SH.property, o))
    assert len(dangling) == 5, f"expected the 5 known dangling links, found {len(dangling)}: {dangling}"
    return graph


def build(root: Path, into: Path) -> Path:
    """Builds the site at `root` into `into` with this repository's insyn."""
    subprocess.run(
        ["cargo", "run", "--quiet", "--", "build", "--root", str(root), "--output", str(into)],
        cwd=REPO,
        check=True,
    )
    return into / "data" / "catalog.rdf"


@functools.cache
def built_catalogue(site: str) -> Graph:
    """The catalogue of one of SITES, built once per run into a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        return load(build(SITES[site], Path(tmp) / "output"))


def load(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="xml")
    return graph


class Outcome(NamedTuple):
    violations: int
    warnings: int
    paths: set  # the properties SHACL found at fault
    text: str


def check(graph: Graph) -> Outcome:
    """The official shapes (no inference, as the EU validator runs them) plus
    the rules SHACL cannot see."""
    _, report, text = validate(graph, shacl_graph=shapes(), inference="none", allow_warnings=True)
    results = list(report.objects(None, SH.result))
    violations = sum(1 for r in results if report.value(r, SH.resultSeverity) == SH.Violation)
    warnings = len(results) - violations
    paths = {report.value(r, SH.resultPath) for r in results}

    terms = set(graph.subjects()) | set(graph.objects())
    blanks = {t for t in terms if isinstance(t, BNode)}
    if blanks:
        violations += len(blanks)
        text += f"\n{len(blanks)} blank node(s): every node needs an IRI of its own\n"
    relative = sorted(str(t) for t in terms | set(graph.predicates()) if isinstance(t, URIRef) and not is_absolute(t))
    if relative:
        violations += len(relative)
        text += "\nIRIs that are not absolute http(s) IRIs:\n" + "".join(f"  {t}\n" for t in relative)
    return Outcome(violations, warnings, paths, text)


def is_absolute(iri: URIRef) -> bool:
    # rdflib resolves a relative IRI against the file's location, so a
    # relative one shows up as file:…; str() because URIRef's own startswith
    # takes no tuple.
    return str(iri).startswith(("http://", "https://"))


def assert_conforms(site: str) -> Graph:
    graph = built_catalogue(site)
    outcome = check(graph)
    assert outcome.violations == 0, f"{site}: {outcome.violations} violation(s)\n{outcome.text}"
    if outcome.warnings:
        print(f"{site}: {outcome.warnings} warning(s)\n{outcome.text}")
    datasets = {str(d).rsplit("#", 1)[-1] for d in graph.subjects(RDF.type, DCAT.Dataset)}
    assert datasets == {"records", "periods", "services", "recommendations", "reports"}
    # Each dataset is offered as CSV and as JSON.
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == 2 * len(datasets)
    return graph


def test_example_site_catalogue_passes_the_official_shapes():
    graph = assert_conforms("example site")
    labels = {(label.language, str(label)) for label in graph.objects(GOVE, SKOS.prefLabel)}
    assert labels == {("sv", "Regeringen och den offentliga sektorn"), ("en", "Government and public sector")}


def test_english_fixture_catalogue_passes_the_official_shapes():
    assert_conforms("English fixture")


def test_shapes_catch_a_broken_catalogue():
    graph = Graph()
    for triple in built_catalogue("example site"):
        graph.add(triple)
    # The violations issue 23 found: a theme concept without a label, a scheme without a title.
    graph.remove((GOVE, SKOS.prefLabel, None))
    graph.remove((None, DCT.title, Literal("Data theme", lang="en")))
    dist = next(iter(graph.subjects(RDF.type, DCAT.Distribution)))
    graph.remove((dist, DCAT.accessURL, None))
    blank = BNode()
    graph.add((blank, RDF.type, DCAT.Distribution))
    graph.add((blank, DCAT.accessURL, URIRef("file:///tmp/data/")))
    outcome = check(graph)
    assert outcome.paths == {SKOS.prefLabel, DCT.title, DCAT.accessURL}, outcome.text
    assert "1 blank node(s)" in outcome.text and "  file:///tmp/data/\n" in outcome.text, outcome.text
    assert outcome.violations == 5, outcome.text


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        catalogues = {arg: load(Path(arg)) for arg in argv[1:]}
    else:
        catalogues = {site: built_catalogue(site) for site in SITES}
    failed = False
    for name, graph in catalogues.items():
        outcome = check(graph)
        if outcome.violations or outcome.warnings:
            print(outcome.text)
        print(f"{name}: {outcome.violations} violation(s), {outcome.warnings} warning(s) against DCAT-AP 3.0.1")
        failed |= outcome.violations > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
