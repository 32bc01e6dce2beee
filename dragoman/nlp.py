"""The only module that imports spaCy: load the pipeline once, split sentences, parse.

Sentence splitting is cheap (the tokenizer and the sentencizer's rule, no statistical model) so
that only the sentences that can hold an event reach the parser; they reach it already split
into tokens. Parsing is made faster without changing a single annotation: numpy's BLAS for the
model's matrices, each step run over many sentences at once, the parser's transitions scored for
a batch's sentences together (_greedy_parse), and the rule-based steps after the parser answered
from memory (Remembered, with the ruler's patterns looked up by RuleIndex). tests/test_nlp.py
compares the result with the model as published.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache

from . import settings
from .errors import ModelError

# Components the parse never runs: the entity recognizer is loaded but run only on the sentences
# that hold a proper noun no dictionary knows (`people`), a fifth of what is parsed.
_ON_DEMAND = ("ner",)


@cache
def pipeline():
    """The English pipeline, loaded once per process; a clear error if it is not installed."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    # The same numbers, about twice as fast: numpy's OpenBLAS multiplies the model's matrices
    # faster than the BLIS build thinc uses by default (tests/test_nlp.py checks the parses).
    set_current_ops(NumpyOps(use_blis=False))
    name = settings.get("SPACY_MODEL")
    try:
        nlp = spacy.load(name, disable=list(_ON_DEMAND))
    except OSError as exc:
        raise ModelError(f"the spaCy English pipeline '{name}' is not installed") from exc
    if all(step in nlp.pipe_names for step in _REMEMBERED):
        _register_remembered()
        nlp.add_pipe("dragoman_remembered_attributes", after=_REMEMBERED[-1])
        for step in _REMEMBERED:
            nlp.disable_pipe(step)
    if "tok2vec" in nlp.pipe_names:
        RememberedEmbed.install(nlp.get_pipe("tok2vec").model)
    return nlp


# The model's rule-based steps after the parser, answered from memory (see Remembered).
_REMEMBERED = ("attribute_ruler", "lemmatizer")


@cache
def _register_remembered() -> None:
    from spacy.language import Language

    Language.factory("dragoman_remembered_attributes", func=lambda nlp, name: Remembered(nlp))


class Remembered:
    """The model's attribute ruler and lemmatizer, asked once per kind of token.

    Both are functions of a few attributes of a token (the ruler: lowercase form, tag and
    dependency label, and for its few multi-word rules those of the neighbours; the lemmatizer:
    form, part of speech and morphology), yet they run their matchers and rules on every token
    again: a third of the parsing time. This asks them the first time a kind of token is seen
    and writes the remembered answers with one array call. A kind keeps only the values that the
    ruler's conditions name (every other lowercase form, tag or label is alike to the ruler).
    Same output; documents holding whitespace tokens go through the model's own steps
    (tests/test_nlp.py compares both).
    """

    KEYS = ("LOWER", "TAG", "DEP")
    # Remembered tokens at most: news keeps bringing new words (names, numbers), and over a long
    # run the tables would grow without end; past this they start afresh.
    LIMIT = 300_000

    def __init__(self, nlp):
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.rules = RuleIndex.of(self.ruler)
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        # Its table of known words is a list per part of speech, searched word by word for every
        # candidate form; the same words as sets answer the same.
        index = self.lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])
        self.vocab = nlp.vocab
        patterns = [(rule.get("index", 0), pattern) for rule in self.ruler.patterns for pattern in rule["patterns"]]
        specs = [spec for _, pattern in patterns for spec in pattern]
        self.named = [_named_values(specs, key) for key in self.KEYS]
        self.kinds: dict[tuple, tuple] = {}                  # (LOWER, TAG, DEP) -> its kind
        self.naming: list[dict[int, bool]] = [{} for _ in self.KEYS]  # per column: value -> named by a condition
        self.wide = [(index, pattern) for index, pattern in patterns if len(pattern) > 1]
        self.reach = max((len(pattern) - 1 for _, pattern in self.wide), default=0)
        self.context: dict[int, bool] = {}                   # LOWER -> may a multi-word rule apply
        self.may_reach = _lower_test([pattern[index] for index, pattern in self.wide])
        self.ruled: dict[tuple, tuple[int, int, int]] = {}   # kind of token -> (POS, MORPH, LEMMA)
        self.lemmas: dict[tuple[int, int, int], int] = {}    # (ORTH, POS, MORPH) -> LEMMA
        self.answers: dict[tuple, tuple[int, int, int]] = {}  # (ORTH, TAG, DEP) -> all three

    def __call__(self, doc):
        import numpy
        from spacy import attrs as a

        if not len(doc):
            return doc
        table = doc.to_array([a.ORTH, a.TAG, a.DEP, a.LOWER, a.IS_SPACE])
        if table[:, 4].any():
            return self.lemmatizer(self.ruler(doc))
        if len(self.answers) > self.LIMIT:
            self._forget()
        tokens = list(map(tuple, table[:, :3].tolist()))
        out = [self.answers.get(token) for token in tokens]
        if None in out:
            self._answer(doc, table, tokens, out)
        doc.from_array([a.POS, a.MORPH, a.LEMMA], numpy.array(out, dtype="uint64"))
        return doc

    def _forget(self) -> None:
        for table in (self.answers, self.lemmas, self.kinds, self.context, self.lemmatizer.cache, *self.naming):
            table.clear()

    def _answer(self, doc, table, tokens: list[tuple], out: list) -> None:
        """Fill in the tokens not answered yet; remember the answer for any token with the same
        form, tag and label when no multi-word rule can reach it."""
        rows = table[:, [3, 1, 2]].tolist()  # LOWER, TAG, DEP

        def kind(j: int) -> tuple:
            row = tuple(rows[j])
            return self.kinds.get(row) or self._kind(row)

        for i, token in enumerate(tokens):
            if out[i] is not None:
                continue
            key = kind(i)
            alone = not self._context_matters(rows[i][0])
            if not alone:
                key = (key, tuple(kind(j) for j in range(max(0, i - self.reach), i)),
                       tuple(kind(j) for j in range(i + 1, min(len(rows), i + 1 + self.reach))))
            ruled = self.ruled.get(key)
            if ruled is None:
                ruled = self.ruled[key] = self._rule(doc, i, alone)
            pos, morph, lemma = ruled
            if not lemma:
                orth = token[0]
                lemma = self.lemmas.get((orth, pos, morph))
                if lemma is None:
                    lemma = self.lemmas[(orth, pos, morph)] = self._lemma(doc, i, pos, morph)
            out[i] = (pos, morph, lemma)
            if alone:
                self.answers[token] = out[i]

    def _kind(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """The values of the row the ruler's conditions name; -1 for each other value."""
        kind = []
        for value, known, (names, regexes) in zip(row, self.naming, self.named):
            is_named = known.get(value)
            if is_named is None:
                text = self.vocab.strings[value]
                is_named = known[value] = text in names or any(r.search(text) for r in regexes)
            kind.append(value if is_named else -1)
        self.kinds[row] = tuple(kind)
        return self.kinds[row]

    def _context_matters(self, lower: int) -> bool:
        known = self.context.get(lower)
        if known is None:
            word = self.vocab.strings[lower]
            known = self.context[lower] = self.may_reach(word)
        return known

    def _rule(self, doc, i: int, alone: bool) -> tuple[int, int, int]:
        """What the ruler gives token i, asked on a copy of it, with its neighbours when a
        multi-word rule may reach it (its matcher's time grows with the tokens it reads)."""
        from spacy.tokens import Doc

        lo, hi = (i, i + 1) if alone else (max(0, i - self.reach), min(len(doc), i + 1 + self.reach))
        window = doc[lo:hi]
        copy = Doc(self.vocab, words=[t.text for t in window], spaces=[bool(t.whitespace_) for t in window],
                   tags=[t.tag_ for t in window], deps=[t.dep_ for t in window], heads=list(range(len(window))))
        if self.rules is None:
            self.ruler(copy)
        else:
            self.ruler.set_annotations(copy, self.rules.matches(copy, i - lo))
        token = copy[i - lo]
        return token.pos, token.morph.key, token.lemma

    def _lemma(self, doc, i: int, pos: int, morph: int) -> int:
        token = doc[i]
        token.pos = pos
        token.set_morph(morph)
        return self.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])


class RememberedEmbed:
    """The token-to-vector model's first step, asked once per kind of token: each token's
    hashed features (form, prefix, suffix, shape...) mixed into a vector by one layer. That step
    reads nothing but the token's own features, yet costs a third of the model's multiplications
    on every token; the layers after it read the neighbours and run as before. A vector computed
    among other words may differ in its last bits from one computed in another batch, as between
    two batch sizes of spaCy's own: the annotations are the same (tests/test_nlp.py compares
    every token with the model as published), not the vectors the learned models read
    (doc.tensor), so it is on only for parses whose vectors no one reads (`parse`)."""

    # Kinds of token remembered at most (96 numbers each, 40 MB): past this they start afresh.
    LIMIT = 100_000

    def __init__(self, embed):
        from thinc.api import chain

        self.features = embed.layers[0]         # tokens -> a row of feature ids each
        self.mix = chain(*embed.layers[1:])     # rows of feature ids -> vectors
        self.rows: dict[bytes, int] = {}        # a kind of token (its row of ids) -> its row in vectors
        self.vectors = None
        self.on = False                         # off: the model's own step

    @classmethod
    def install(cls, tok2vec) -> None:
        """Put the remembered step in place of the model's own first step, if it is the one known
        (the features extracted, embedded and mixed, token by token)."""
        from thinc.api import Model

        embed = tok2vec.layers[0] if tok2vec.layers else None
        if embed is None or [layer.name for layer in (embed.layers[0], embed.layers[-1])] != ["extract_features", "ragged2list"]:
            return
        global _EMBED
        remembered = _EMBED = cls(embed)
        tok2vec.layers[0] = Model("dragoman_remembered_embed", remembered.forward, layers=[embed],
                                  dims={"nO": embed.get_dim("nO")})

    def forward(self, model, docs, is_train: bool):
        if is_train or not self.on:  # training, too, goes through the model's own step
            return model.layers[0](docs, is_train)
        return self.vectors_of(docs), lambda gradient: []

    def vectors_of(self, docs: list) -> list:
        import numpy

        rows = self.features.predict(docs)
        keys = [self._keys(doc_rows) for doc_rows in rows]
        if len(self.rows) > self.LIMIT:
            self.rows, self.vectors = {}, None
        new: dict[bytes, object] = {}
        for doc_keys, doc_rows in zip(keys, rows):
            for i, key in enumerate(doc_keys):
                if key not in self.rows and key not in new:
                    new[key] = doc_rows[i]
        if new:
            self._learn(new)
        if self.vectors is None:  # not one token in the docs
            return self.mix.predict(rows)
        return [self.vectors[numpy.array([self.rows[key] for key in doc_keys], dtype="int64")] for doc_keys in keys]

    @staticmethod
    def _keys(rows) -> list[bytes]:
        """Each token's row of feature ids as bytes (a dictionary key)."""
        import numpy

        rows = numpy.ascontiguousarray(rows)
        return rows.view(numpy.dtype((numpy.void, rows.shape[1] * rows.itemsize))).ravel().tolist()

    def _learn(self, new: dict) -> None:
        """The vectors of the kinds of token not seen before, computed together."""
        import numpy

        vectors = self.mix.predict([numpy.stack(list(new.values()))])[0]
        start = 0 if self.vectors is None else len(self.vectors)
        self.vectors = vectors if self.vectors is None else numpy.concatenate([self.vectors, vectors])
        self.rows.update((key, start + i) for i, key in enumerate(new))


_EMBED: RememberedEmbed | None = None   # the pipeline's, once installed


class RuleIndex:
    """The attribute ruler's patterns looked up by the values they name. spaCy's Matcher tries
    each of the ruler's 180 patterns on every token; this finds the few a token may match by
    its tag and lowercase form, then checks them. Same matches, in the ruler's order
    (tests/test_nlp.py compares them on every token of the dev sentences)."""

    FIELDS = ("LOWER", "TAG", "DEP", "IS_SPACE")

    def __init__(self, ruler):
        self.keys = [ruler.vocab.strings.add(str(rule)) for rule in range(len(ruler.patterns))]
        self.by_value: dict[tuple[str, object], list[tuple[int, dict]]] = {}
        self.anywhere: list[tuple[int, dict]] = []           # one-token patterns without a tag or form named
        self.wide: list[tuple[int, int, list[dict]]] = []     # (rule, index of the token it sets, pattern)
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    self.wide.append((rule, entry.get("index", 0) % len(pattern), pattern))
                    continue
                spec = pattern[0]
                values = [("TAG", v) for v in _named(spec.get("TAG"))] or [("LOWER", v) for v in _named(spec.get("LOWER"))]
                for value in values:
                    self.by_value.setdefault(value, []).append((rule, spec))
                if not values:
                    self.anywhere.append((rule, spec))

    @classmethod
    def of(cls, ruler) -> "RuleIndex | None":
        """The index, or None if a pattern asks for anything but what it reads."""
        specs = [spec for entry in ruler.patterns for pattern in entry["patterns"] for spec in pattern]
        readable = all(key in cls.FIELDS and _condition_read(condition) for spec in specs
                       for key, condition in spec.items())
        return cls(ruler) if readable else None

    def matches(self, doc, target: int) -> list[tuple[int, int, int, int]]:
        """The ruler's matches (rule, key, start, end) that set the target token, in its order."""
        values = [{"LOWER": t.lower_, "TAG": t.tag_, "DEP": t.dep_, "IS_SPACE": t.is_space} for t in doc]
        mine = values[target]
        found = set()
        for rule, spec in [*self.by_value.get(("TAG", mine["TAG"]), ()), *self.by_value.get(("LOWER", mine["LOWER"]), ()),
                           *self.anywhere]:
            if _holds(spec, mine):
                found.add((rule, target, target + 1))
        for rule, index, pattern in self.wide:
            start = target - index
            if 0 <= start and start + len(pattern) <= len(values) and all(
                    _holds(spec, values[start + k]) for k, spec in enumerate(pattern)):
                found.add((rule, start, start + len(pattern)))
        return [(rule, self.keys[rule], start, end) for rule, start, end in sorted(found)]


def _named(condition) -> list:
    """The values a condition names: one, or those of an IN list; none for other conditions."""
    if isinstance(condition, str):
        return [condition]
    if isinstance(condition, dict) and set(condition) == {"IN"}:
        return list(condition["IN"])
    return []


def _condition_read(condition) -> bool:
    return isinstance(condition, (str, bool)) or (
        isinstance(condition, dict) and set(condition) <= {"IN", "NOT_IN", "REGEX"})


def _holds(spec: dict, values: dict) -> bool:
    for key, condition in spec.items():
        value = values[key]
        if isinstance(condition, dict):
            if "IN" in condition and value not in condition["IN"]:
                return False
            if "NOT_IN" in condition and value in condition["NOT_IN"]:
                return False
            if "REGEX" in condition and not re.search(condition["REGEX"], value):
                return False
        elif value != condition:
            return False
    return True


def _named_values(specs: list[dict], key: str) -> tuple[set[str], list[re.Pattern]]:
    """The values of one attribute that token patterns name (as a value, in IN or NOT_IN lists),
    and their regular expressions: a value neither named nor matched is like any other."""
    names: set[str] = set()
    regexes: list[re.Pattern] = []
    for spec in specs:
        value = spec.get(key)
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, dict):
            for op, operand in value.items():
                if op in ("IN", "NOT_IN"):
                    names.update(operand)
                elif op == "REGEX":
                    regexes.append(re.compile(operand))
                else:
                    regexes.append(re.compile(""))  # an operator not read here: every value stays itself
    return names, regexes


def _lower_test(specs: list[dict]):
    """Whether any of the token patterns' LOWER conditions may hold for a word (True where one
    cannot be read), their plain words gathered in one set: asked of every new word."""
    words: set[str] = set()
    others: list = []
    for spec in specs:
        condition = spec.get("LOWER")
        if condition is None or not _condition_read(condition):
            return lambda word: True
        if isinstance(condition, str):
            words.add(condition)
        elif isinstance(condition, dict) and set(condition) == {"IN"}:
            words.update(condition["IN"])
        else:
            others.append({"LOWER": condition})
    return lambda word: word in words or any(_holds(spec, {"LOWER": word}) for spec in others)


@cache
def _splitter():
    """A blank English pipeline: the model's tokenizer rules, without loading the model."""
    import spacy

    return spacy.blank("en")


# Abbreviations after which a period does not end a sentence (language data, not analyst data).
_NO_BREAK = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Pres|St|Jr|Sr|No|Vol|Sept?|Oct|Nov|"
                       r"Dec|Jan|Feb|Mar|Apr|Aug|U\.S|U\.N|U\.K|E\.U|Prof|Rev|Adm|Cmdr|Inc|Co|Corp|Ltd)\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, without parsing. Rejoins splits after known abbreviations."""
    return [split.text for split in split_tokenized(text)]


class Split:
    """A sentence and its tokens as the parser's tokenizer splits it (words, whether a space
    follows each, their norms): the parser starts from them instead of splitting the text again.

    The tokens are read off the paragraph's token table when first asked for: the prefilter
    drops most sentences on their text alone. Words are empty when they do not spell the text
    (the sentence is then tokenized again)."""

    __slots__ = ("text", "_table", "_ranges", "_tokens")

    def __init__(self, text: str, table=None, ranges: tuple[tuple[int, int], ...] = ()):
        self.text = text
        self._table = table      # the paragraph's rows of ORTH, IDX, LENGTH, NORM
        self._ranges = ranges    # this sentence's rows: one range, or more after rejoining
        self._tokens = None

    def joined(self, other: "Split") -> "Split":
        """This sentence and the next as one (a split after "Gen." or before a lowercase word)."""
        return Split(f"{self.text} {other.text}", self._table, self._ranges + other._ranges)

    @property
    def words(self) -> list[str]:
        return self._read()[0]

    @property
    def spaces(self) -> list[bool]:
        return self._read()[1]

    @property
    def norms(self) -> list[int]:  # the tokenizer's special cases give some tokens a norm of their own ("n't": "not")
        return self._read()[2]

    def _read(self) -> tuple[list[str], list[bool], list[int]]:
        if self._tokens is None:
            words: list[str] = []
            spaces: list[bool] = []
            norms: list[int] = []
            strings = pipeline().vocab.strings
            for first, last in self._ranges:
                orths, starts, lengths, rows_norms = self._table[first:last].T.tolist()
                words += [strings[orth] for orth in orths]
                spaces += [start + length < after for start, length, after in zip(starts, lengths, starts[1:])]
                spaces.append(True)  # a rejoined sentence's parts are joined by a space
                norms += rows_norms
            if spaces:
                spaces[-1] = False
            spelled = "".join(word + " " * space for word, space in zip(words, spaces))
            self._tokens = (words, spaces, norms) if spelled == self.text else ([], [], [])
        return self._tokens


def split_tokenized(text: str) -> list[Split]:
    """Sentences of a paragraph with their tokens, without parsing: spaCy's sentencizer rule (a
    sentence ends at ". ! ?" and their kin once a token that is not punctuation follows), read
    off the tokenizer's table rather than token by token. Rejoins splits after known
    abbreviations."""
    import numpy
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, NORM, ORTH

    table = pipeline().tokenizer(text).to_array([ORTH, IDX, LENGTH, NORM, IS_PUNCT, IS_SPACE])
    if not len(table):
        return []
    ender = numpy.isin(table[:, 0], _enders())
    kept = numpy.flatnonzero(table[:, 5] == 0).tolist()  # sentences start and end on tokens that are not spaces
    starts, lengths = table[:, 1].tolist(), table[:, 2].tolist()
    rows = table[:, :4]
    merged: list[Split] = []
    for first, last in _sentence_bounds(ender, table[:, 4].astype(bool)):
        i, j = bisect.bisect_left(kept, first), bisect.bisect_left(kept, last) - 1
        if i > j:
            continue
        first, last = kept[i], kept[j] + 1
        split = Split(text[starts[first]:starts[last - 1] + lengths[last - 1]], rows, ((first, last),))
        if merged and (_NO_BREAK.search(merged[-1].text) or split.text[0].islower()):
            merged[-1] = merged[-1].joined(split)
        else:
            merged.append(split)
    return merged


@cache
def _enders():
    """The characters that end a sentence for spaCy's sentencizer, as string ids."""
    import numpy
    from spacy.pipeline import Sentencizer
    from spacy.strings import hash_string

    return numpy.array(sorted(hash_string(c) for c in Sentencizer.default_punct_chars), dtype="uint64")


def _sentence_bounds(ender, punct) -> list[tuple[int, int]]:
    """(first, last + 1) of each sentence, from whether each token ends a sentence and whether
    it is punctuation (boolean arrays): the rule of spaCy's Sentencizer.predict, which starts a
    sentence at the first token that is neither, after a token that ends one. Between two such
    plain tokens, only punctuation stands: the second starts a sentence when an ender is among it."""
    import numpy

    if not len(ender):
        return []
    plain = numpy.flatnonzero(~ender & ~punct)
    seen = numpy.concatenate(([0], numpy.cumsum(ender)))  # enders before each token
    before = numpy.concatenate(([0], plain[:-1] + 1))     # just after the previous plain token
    starts = plain[seen[plain] > seen[before]].tolist()
    starts = sorted({0, *starts})
    return list(zip(starts, [*starts[1:], len(ender)]))


def parse(texts: Iterable[str | Split], tensors: bool = True) -> list:
    """spaCy Docs for the texts (or sentences already split into tokens), in order. Each step of
    the pipeline runs over all the texts (in batches) before the next step starts, rather than
    all steps batch by batch as nlp.pipe does: one model's weights stay in the processor's
    cache while it works, which saves a sixth of the time; the annotations are the same.
    `tensors`: whether the token vectors (doc.tensor) will be read; if not, the first step of
    computing them is remembered by kind of token (RememberedEmbed: a sixth of the time)."""
    nlp = pipeline()
    docs = [_doc(text) if isinstance(text, Split) else nlp.make_doc(text) for text in texts]
    size = settings.get("BATCH_SIZE")
    if _EMBED is not None:
        _EMBED.on = not tensors
    try:
        for _, step in nlp.pipeline:
            if step is nlp.get_pipe("parser"):
                docs = _transitions(step, docs, size)
            elif hasattr(step, "pipe"):
                docs = list(step.pipe(docs, batch_size=size))
            else:
                docs = [step(doc) for doc in docs]
    finally:
        if _EMBED is not None:
            _EMBED.on = False
    return docs


def people(docs: list) -> None:
    """Mark the named entities (`Token.ent_type_`: PERSON ...) of parsed sentences, in place, with
    the model's entity recognizer (a transition-based model like the parser, run the same way)."""
    _transitions(pipeline().get_pipe("ner"), docs, settings.get("BATCH_SIZE"))


def _transitions(step, docs: list, size: int) -> list:
    """A transition-based step (the parser, the entity recognizer) over the docs, in place: the
    greedy loop where it can run (its cost per step is shared by the sentences of a batch: four
    batches at once), else spaCy's own loop (another model's beam)."""
    if _greedy(step):
        return [doc for i in range(0, len(docs), 4 * size) for doc in _greedy_parse(step, docs[i:i + 4 * size])]
    return list(step.pipe(docs, batch_size=size))


def _greedy(parser) -> bool:
    """A greedy parser with a last layer: what _greedy_parse knows how to run."""
    return parser.cfg.get("beam_width") == 1 and bool(parser.model.attrs.get("has_upper"))


def _greedy_parse(parser, docs: list) -> list:
    """The parser's greedy parse, its loop written with the steps spaCy uses in training: each
    transition is scored for all unfinished sentences at once. spaCy's own loop
    (Parser.greedy_parse) takes and releases the interpreter lock for every hidden unit of every
    state, in code compiled from thinc's vector helpers: half of its time. The last layer is
    multiplied by numpy (OpenBLAS, as the other layers) rather than thinc's BLIS build. Same
    model, same parses (tests/test_nlp.py compares every token). It reads the internals of
    spaCy 3.8's parser (the version is pinned in pyproject.toml; that test catches a change)."""
    if not any(len(doc) for doc in docs):
        return list(parser.pipe(docs))
    step = parser.model.predict(docs)  # the token vectors, with every feature's hidden values precomputed
    upper = parser.model.get_ref("upper")
    weights, bias = upper.get_param("W").T.copy(), upper.get_param("b")
    unseen = step._class_mask == 0  # classes the model never saw in training score lowest
    states = parser.moves.init_batch(docs)
    todo = [state for state in states if not state.is_final()]
    while todo:
        scores = step.state2vec.predict(step.get_token_ids(todo)) @ weights
        scores += bias
        if unseen.any():
            scores[:, unseen] = scores.min()
        todo = parser.transition_states(todo, scores)
    step.clear_memory()
    parser.set_annotations(docs, states)
    return docs


def _doc(split: Split):
    """The Doc the tokenizer would make of the sentence, from its tokens."""
    import numpy
    from spacy.attrs import NORM
    from spacy.tokens import Doc

    if not split.words:
        return pipeline().make_doc(split.text)
    doc = Doc(pipeline().vocab, words=split.words, spaces=split.spaces)
    return doc.from_array([NORM], numpy.array(split.norms, dtype="uint64"))


def tokenize(text: str) -> list[str]:
    """Token texts as the parser's tokenizer splits them (used to index dictionary phrases)."""
    # The loaded model's tokenizer if there is one (the same rules, without building a second).
    tokenizer = pipeline().tokenizer if pipeline.cache_info().currsize else _splitter().tokenizer
    return [t.text for t in tokenizer(text)]


# Universal part-of-speech names, the keys of the lemmatizer's tables.
_POS = ("adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part", "pron", "propn",
        "punct", "sconj", "sym", "verb", "x")
_LETTERS = re.compile(r"[^\W\d_]+")


def words(text: str) -> set[str]:
    """The lowercased letter runs of a text ("Russia's" -> "russia", "s")."""
    return set(_LETTERS.findall(text.lower()))


# The commonest words of English news: a fifth to a third of the words of an English article,
# a twentieth at the least in a terse English sentence ("UN Security Council members on
# Wednesday overwhelmingly rejected Russia's draft resolution ..."), under a twentieth of a German
# or French one (which share "in", "an", "a"), none of most others.
_ENGLISH = frozenset("the of and to a in is that for on was with said he she it as by at from his her has have "
                     "be were are an its after their not this who they had but will been which or would".split())
# ... and of German, French, Spanish and Italian news (none of them an English word as well).
_OTHER = frozenset("der das und ist nicht mit den dem sich ein eine le les et est une des du dans au el los las "
                   "que del por para con una il di che della per sono".split())
ENGLISH_SHARE, ENGLISH_WORDS = 0.05, 20


def looks_english(text: str) -> bool:
    """False for a text of ENGLISH_WORDS words or more (its first 2000 read) of which fewer than
    ENGLISH_SHARE are common English words, or fewer than are common words of another language:
    the patterns and the models read English only."""
    found = _LETTERS.findall(text[:20000].lower())[:2000]
    english = sum(w in _ENGLISH for w in found)
    return len(found) < ENGLISH_WORDS or english >= max(ENGLISH_SHARE * len(found), sum(w in _OTHER for w in found))


def letter_runs(form: str) -> list[str]:
    """The letter runs of a written form, in order: "let's" -> ["let", "s"], "goin'" -> ["goin"]."""
    return _LETTERS.findall(form.lower())


def word_forms(lemmas: Iterable[str]) -> dict[str, frozenset[str]]:
    """Every written form (lowercased) that the pipeline can lemmatize to each lemma.

    Inverts what the lemmatizer can do to a word: its exception tables, its suffix rules in
    reverse ("agree" <- "agrees", "agreed", "agreeing"), the attribute ruler's lemma overrides
    ("gon" -> "go") and the tokenizer's special cases ("gonna" -> "gon" "na"). The result is a
    superset of the real forms, so that a test on it never misses a word the parser would see.
    """
    nlp = pipeline()
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions, rules = lookups.get_table("lemma_exc", {}), lookups.get_table("lemma_rules", {})
    wanted = set(lemmas)
    raw: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    for pos in _POS:
        for form, targets in exceptions.get(pos, {}).items():
            for lemma in wanted.intersection(targets):
                raw[lemma].add(form.lower())
        for old, new in rules.get(pos, []):
            for lemma in wanted:
                if lemma.endswith(new):
                    raw[lemma].add(lemma[:len(lemma) - len(new)] + old)
    for lemma, orths in _ruler_lemmas(nlp).items():
        if lemma in wanted:
            raw[lemma].update(orths)
    special = _special_cases(nlp)
    for forms in raw.values():
        forms.update(whole for piece in list(forms) for whole in special.get(piece, ()))
    return {lemma: frozenset(forms) for lemma, forms in raw.items()}


def _ruler_lemmas(nlp) -> dict[str, set[str]]:
    """Lemma -> the words the attribute ruler gives that lemma ("gon" in "gonna" -> "go")."""
    out: dict[str, set[str]] = {}
    if "attribute_ruler" not in nlp.component_names:
        return out
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        lemma = rule["attrs"].get("LEMMA")
        if not lemma:
            continue
        for pattern in rule["patterns"]:
            token = pattern[rule.get("index", 0)]  # the token the lemma is set on
            for key in ("ORTH", "LOWER", "TEXT"):
                value = token.get(key)
                values = value.get("IN", []) if isinstance(value, dict) else [value] if value else []
                out.setdefault(lemma.lower(), set()).update(v.lower() for v in values)
    return out


def _special_cases(nlp) -> dict[str, set[str]]:
    """Piece -> the strings the tokenizer splits into pieces including it ("gon" -> "gonna")."""
    from spacy.attrs import ORTH

    out: dict[str, set[str]] = {}
    for whole, pieces in nlp.tokenizer.rules.items():
        if len(pieces) > 1:
            for piece in pieces:
                out.setdefault(piece.get(ORTH, "").lower(), set()).add(whole.lower())
    return out
