"""`python -m dragoman.gold`: the annotation workflow (packets, checks, agreement, adjudication).

    python -m dragoman.gold packets WORKDIR/packets            # batches of numbered sentences to annotate
    python -m dragoman.gold check WORKDIR/passA/batch_03.jsonl --batch WORKDIR/packets/batch_03.txt
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from .. import fs
from . import adjudicate, agreement, annotate, corpus, texts

# Guardian articles longer than this are live blogs and long reads, not the news reports the corpus is for.
MAX_ARTICLE = 20_000


@click.group()
def main() -> None:
    """The gold corpus's annotation workflow."""


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--texts", "root", type=click.Path(file_okay=False), help="The shared data folder (../shared).")
@click.option("--max-chars", default=30_000, show_default=True, help="Text per batch.")
def packets(outdir, root, max_chars):
    """Write the batches to annotate: the even-id Guardian articles, the seed article, and the
    GigaWord sentences, as numbered sentences; and batches.json naming each batch's documents."""
    root = str(texts.shared_dir(root))
    guardian = [t for t in texts.corpus_texts("guardian", root).values()
                if not texts.reserved(t.id) and len(t.text) <= MAX_ARTICLE]
    articles = [t.id for t in sorted(guardian, key=lambda t: int(t.key))]
    articles += [t.id for t in texts.corpus_texts("seed", root).values()]
    plan = annotate.batches(articles, root, max_chars)
    plan.append([t.id for t in texts.corpus_texts("gigaword", root).values()])
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    names = {}
    for n, doc_ids in enumerate(plan, 1):
        name = f"batch_{n:02d}"
        names[name] = doc_ids
        (out / f"{name}.txt").write_text("\n".join(annotate.packet(d, root) for d in doc_ids), encoding="utf-8")
    (out / "batches.json").write_text(json.dumps(names, indent=1) + "\n", encoding="utf-8")
    click.echo(f"{len(plan)} batches, {sum(map(len, plan))} documents in {out}", err=True)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--batch", type=click.Path(exists=True, dir_okay=False),
              help="The packet the file annotates: every document in it must be there.")
@click.option("--texts", "root", type=click.Path(file_okay=False))
def check(path, root, batch):
    """Check an annotator's file: every quote found in its sentence, every label and code valid."""
    expected = _packet_docs(batch) if batch else None
    docs, problems = annotate.read_file(path, root, expected)
    for line in problems:
        click.echo(line)
    counts = Counter(e.factuality for d in docs for e in d.events)
    click.echo(f"{len(docs)} documents, {sum(counts.values())} events ({dict(counts)}), {len(problems)} problems",
               err=True)
    sys.exit(1 if problems else 0)


def _packet_docs(path: str) -> list[str]:
    heads = [line for line in fs.read_lines(path) if line.startswith("=== DOCUMENT ")]
    return [line.split()[2] for line in heads]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--texts", "root", type=click.Path(file_okay=False))
def convert(paths, output, root):
    """Turn annotators' files (one pass) into one standoff file; refuses files with problems."""
    docs, problems = [], []
    for path in paths:
        found, wrong = annotate.read_file(path, root)
        docs += found
        problems += [f"{path}: {line}" for line in wrong]
    if problems:
        click.echo("\n".join(problems))
        sys.exit(1)
    corpus.save(docs, output)
    click.echo(f"{len(docs)} documents, {sum(len(d.events) for d in docs)} events -> {output}", err=True)


@main.command()
@click.argument("pass_a", type=click.Path(exists=True, dir_okay=False))
@click.argument("pass_b", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def agree(pass_a, pass_b, as_json):
    """Agreement between two standoff passes of the same documents."""
    report = agreement.compare(corpus.load(pass_a, with_text=False), corpus.load(pass_b, with_text=False))
    click.echo(json.dumps(report) if as_json else agreement.format_report(report))


@main.command()
@click.argument("pass_a", type=click.Path(exists=True, dir_okay=False))
@click.argument("pass_b", type=click.Path(exists=True, dir_okay=False))
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--batches", type=click.Path(exists=True, dir_okay=False), required=True,
              help="batches.json of the packets: one disputes file per batch.")
@click.option("--texts", "root", type=click.Path(file_okay=False))
def disputes(pass_a, pass_b, outdir, batches, root):
    """Write, per batch, the items the adjudicator decides (the agreed mentions need no decision)."""
    a_docs = {d.id: d for d in corpus.load(pass_a, root)}
    b_docs = {d.id: d for d in corpus.load(pass_b, root)}
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, doc_ids in json.loads(fs.read_text(batches)).items():
        if not all(d in a_docs and d in b_docs for d in doc_ids):
            continue
        parts = []
        for doc_id in doc_ids:
            agreed, items = adjudicate.disputes(a_docs[doc_id], b_docs[doc_id])
            total += len(items)
            parts.append(adjudicate.render(doc_id, a_docs[doc_id].text, items, agreed))
        (out / f"{name}.disputes.txt").write_text("\n".join(parts), encoding="utf-8")
    click.echo(f"{total} items to decide in {out}", err=True)


@main.command()
@click.argument("pass_a", type=click.Path(exists=True, dir_okay=False))
@click.argument("pass_b", type=click.Path(exists=True, dir_okay=False))
@click.argument("decisions", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(),
              help="A corpus file, or a folder (one file per corpus: guardian.jsonl, seed.jsonl ...).")
@click.option("--only", is_flag=True, help="Check the decision files alone (every item decided, every event valid).")
@click.option("--deal-folds", is_flag=True, help="Deal the documents into folds of equal size (once, when the "
                                                 "corpus is first built).")
@click.option("--texts", "root", type=click.Path(file_okay=False))
def merge(pass_a, pass_b, decisions, output, only, deal_folds, root):
    """The gold documents from two passes and the adjudicator's decisions (a later decision file
    overrides an earlier one for the documents it holds)."""
    a_docs = {d.id: d for d in corpus.load(pass_a, root)}
    b_docs = {d.id: d for d in corpus.load(pass_b, root)}
    decided: dict[str, dict] = {}
    for path in decisions:
        decided.update(adjudicate.read_decisions(path))
    problems = annotate.Problems([])
    ids = sorted(decided) if only else sorted(a_docs)
    docs = []
    for doc_id in ids:
        if doc_id not in decided:
            problems.add(doc_id, "no decisions for this document")
            continue
        docs.append(adjudicate.merge(a_docs[doc_id], b_docs[doc_id], decided[doc_id], root, problems))
    for line in problems.lines:
        click.echo(line)
    if problems.lines:
        sys.exit(1)
    if deal_folds:
        docs = corpus.deal_folds(docs)
    if not only and Path(output).is_dir():
        corpus.save_by_corpus(docs, output)
    elif not only:
        corpus.save(docs, output)
    click.echo(f"{len(docs)} documents, {sum(len(d.events) for d in docs)} events"
               + ("" if only else f" -> {output}"), err=True)


@main.command()
@click.argument("path", type=click.Path(exists=True))
def stats(path):
    """Counts of a corpus: documents and mentions by corpus, fold, factuality, time and type."""
    docs = corpus.load(path, with_text=False)
    events = [e for d in docs for e in d.events]
    click.echo(f"{len(docs)} documents, {len(events)} event mentions ({sum(e.output for e in events)} to output)")
    tables = {
        "corpus": Counter(d.id.split("-")[0] for d in docs),
        "mentions by corpus": Counter(d.id.split("-")[0] for d in docs for _ in d.events),
        "documents by fold": Counter(d.fold for d in docs),
        "mentions by fold": Counter(d.fold for d in docs for _ in d.events),
        "factuality": Counter(e.factuality for e in events),
        "time": Counter(e.time for e in events),
        "type": Counter(e.type for e in events),
        "with a target": Counter("yes" if e.target else "no" for e in events),
        "symmetric": Counter("yes" if e.symmetric else "no" for e in events),
    }
    for name, counts in tables.items():
        click.echo(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
