#!/usr/bin/env python3
"""Reads a storygraph export the way a notebook would and prints what the
reader got, as one JSON object, for the tests to check.

Usage: read_export.py node-link|graphml|csv|sqlite PATH [--query SQL ...]

node-link: networkx.node_link_graph(data, edges="edges") (link="edges" before 3.4)
graphml:   networkx.read_graphml, and igraph.Graph.Read_GraphML when igraph is installed
csv:       the csv module, on nodes.csv, edges.csv, findings.csv, clusters.csv, stories.csv
sqlite:    the sqlite3 module, with PRAGMA foreign_keys = ON; --query runs SQL and returns its rows

Output keys: directed, multigraph, graph, nodes, edges, degrees ({id: [in, out]} as
networkx counts them), types ({"node"|"edge"|"graph": {attribute: [python type names]}}),
warnings; igraph for GraphML; tables and headers for CSV and SQLite; for SQLite also
sqlite_types ({table: {column: [typeof]}}), foreign_key_violations, integrity,
foreign_keys ({table: [[column, table, column]]}), indexes and queries.
"""
import csv
import json
import os
import sqlite3
import sys
import warnings

CSV_FILES = ("nodes", "edges", "findings", "clusters", "stories")


def type_names(rows):
    types = {}
    for row in rows:
        for key, value in row.items():
            types.setdefault(key, set()).add(type(value).__name__)
    return {key: sorted(names) for key, names in types.items()}


def networkx_dump(g):
    nodes = [dict(attrs, id=node) for node, attrs in g.nodes(data=True)]
    edges = [dict(attrs, source=u, target=v) for u, v, attrs in g.edges(data=True)]
    return {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "graph": dict(g.graph),
        "nodes": nodes,
        "edges": edges,
        "degrees": {node: [g.in_degree(node), g.out_degree(node)] for node in g.nodes},
        "types": {"node": type_names(attrs for _, attrs in g.nodes(data=True)),
                  "edge": type_names(attrs for _, _, attrs in g.edges(data=True)),
                  "graph": type_names([g.graph])},
    }


def read_node_link(path):
    import networkx as nx
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:
        return nx.node_link_graph(data, edges="edges")
    except TypeError:  # networkx < 3.4 names the parameter `link`
        return nx.node_link_graph(data, link="edges")


def read_graphml(path):
    import networkx as nx
    out = networkx_dump(nx.read_graphml(path))
    try:
        import igraph
    except ImportError:
        out["igraph"] = None
        return out
    g = igraph.Graph.Read_GraphML(path)
    out["igraph"] = {
        "vertices": g.vcount(),
        "edges": g.ecount(),
        "directed": g.is_directed(),
        "articles": sum(1 for v in g.vs if v["kind"] == "article"),
        "dangling_edges": sum(1 for e in g.es if e["kind"] == "dangling"),
        "vertex_attributes": sorted(g.vs.attributes()),
        "edge_attributes": sorted(g.es.attributes()),
    }
    return out


def read_csv(folder):
    tables, headers = {}, {}
    for name in CSV_FILES:
        with open(os.path.join(folder, name + ".csv"), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = list(reader)
        bad = [row for row in rows if len(row) != len(header)]
        if bad:
            raise SystemExit(f"{name}.csv: {len(bad)} rows without {len(header)} fields, first {bad[0]!r}")
        headers[name] = header
        tables[name] = [dict(zip(header, row)) for row in rows]
    return {"headers": headers, "tables": tables}


def read_sqlite(path, queries):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.execute("PRAGMA foreign_keys = ON")
    db.row_factory = sqlite3.Row
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    tables, headers, sqlite_types, foreign_keys = {}, {}, {}, {}
    for name in names:
        rows = db.execute(f'SELECT * FROM "{name}"').fetchall()
        columns = [r["name"] for r in db.execute(f'PRAGMA table_info("{name}")')]
        headers[name] = columns
        tables[name] = [dict(row) for row in rows]
        sqlite_types[name] = {
            column: sorted(r[0] for r in db.execute(f'SELECT DISTINCT typeof("{column}") FROM "{name}"'))
            for column in columns
        }
        foreign_keys[name] = sorted([r["from"], r["table"], r["to"]] for r in db.execute(f'PRAGMA foreign_key_list("{name}")'))
    return {
        "headers": headers,
        "tables": tables,
        "sqlite_types": sqlite_types,
        "foreign_keys": foreign_keys,
        "foreign_key_violations": len(db.execute("PRAGMA foreign_key_check").fetchall()),
        "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
        "indexes": sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")),
        "views": sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")),
        "queries": [[list(row) for row in db.execute(sql).fetchall()] for sql in queries],
    }


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    kind, path = argv[1], argv[2]
    queries = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--query"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if kind == "node-link":
            out = networkx_dump(read_node_link(path))
        elif kind == "graphml":
            out = read_graphml(path)
        elif kind == "csv":
            out = read_csv(path)
        elif kind == "sqlite":
            out = read_sqlite(path, queries)
        else:
            raise SystemExit(f"unknown format {kind}")
    out["warnings"] = [str(w.message) for w in caught]
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv)
