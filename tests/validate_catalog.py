#!/usr/bin/env python3
"""Validates insyn's DCAT-AP-SE catalogue (data/catalog.rdf) the way the
national data portal reads it: parsed as RDF/XML, then checked with SHACL
against tests/shacl/catalog-shapes.ttl (shapes written for insyn from
shared/OPEN-DATA.md, not the official DCAT-AP files).

Needs Python 3 with pyshacl (which brings rdflib):  pip install -r tests/shacl/requirements.txt

    python3 tests/validate_catalog.py                   # builds the example site first
    python3 tests/validate_catalog.py output/data/catalog.rdf
    python3 -m pytest tests/validate_catalog.py         # the same, as pytest tests

Exit status 0 when the catalogue conforms, 1 when it does not.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from pyshacl import validate
from rdflib import BNode, Graph, URIRef

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCAT_DATASET = URIRef("http://www.w3.org/ns/dcat#Dataset")
DCAT_DISTRIBUTION = URIRef("http://www.w3.org/ns/dcat#Distribution")
DCT_LICENSE = URIRef("http://purl.org/dc/terms/license")

REPO = Path(__file__).resolve().parent.parent
SHAPES = REPO / "tests" / "shacl" / "catalog-shapes.ttl"


def build_example(into: Path) -> Path:
    """Builds the example site at the repository root into `into`."""
    subprocess.run(
        ["cargo", "run", "--quiet", "--", "build", "--root", str(REPO), "--output", str(into)],
        cwd=REPO,
        check=True,
    )
    return into / "data" / "catalog.rdf"


def load(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="xml")
    return graph


def check(graph: Graph) -> tuple[bool, str]:
    """SHACL validation plus the rule SHACL cannot see: no blank nodes anywhere."""
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none", advanced=True)
    blanks = {s for s in graph.subjects() if isinstance(s, BNode)}
    blanks |= {o for o in graph.objects() if isinstance(o, BNode)}
    if blanks:
        conforms = False
        text += f"\n{len(blanks)} blank node(s): every node needs an IRI of its own\n"
    return conforms, text


def test_catalogue_conforms():
    with tempfile.TemporaryDirectory() as tmp:
        graph = load(build_example(Path(tmp) / "output"))
    conforms, text = check(graph)
    assert conforms, text
    assert len(set(graph.subjects(RDF_TYPE, DCAT_DATASET))) == 3
    assert len(set(graph.subjects(RDF_TYPE, DCAT_DISTRIBUTION))) == 6


def test_shapes_catch_a_broken_catalogue():
    with tempfile.TemporaryDirectory() as tmp:
        graph = load(build_example(Path(tmp) / "output"))
    dist = next(iter(graph.subjects(RDF_TYPE, DCAT_DISTRIBUTION)))
    graph.remove((dist, DCT_LICENSE, None))
    blank = BNode()
    graph.add((blank, RDF_TYPE, DCAT_DISTRIBUTION))
    graph.add((blank, DCT_LICENSE, URIRef("https://creativecommons.org/publicdomain/zero/1.0/")))
    conforms, text = check(graph)
    assert not conforms
    assert "license" in text


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        graph = load(Path(argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            graph = load(build_example(Path(tmp) / "output"))
    conforms, text = check(graph)
    print(text)
    print("catalogue conforms" if conforms else "catalogue does NOT conform")
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
