"""Reading documents: plain text, HTML, JSONL and CSV files, directories and standard input.

`read_inputs` is the entry point; the per-kind readers are exposed for callers that
already hold the content.
"""
from dragoman.read.corpus import read_csv, read_jsonl
from dragoman.read.decode import parse_date
from dragoman.read.files import FORMATS, read_inputs
from dragoman.read.html import from_html
from dragoman.read.text import from_text

__all__ = ["FORMATS", "from_html", "from_text", "parse_date", "read_csv", "read_inputs",
           "read_jsonl"]
