"""One Dutch full-text search for every list and for the similar-signal suggestion.

Python turns a signal's title and description (a card's title and summary) into index terms
(`index_terms`): accents
folded, stop words dropped, every word stemmed with Snowball Dutch (`dutch_porter`, the
algorithm of PostgreSQL's `dutch` configuration), plus a concept term for every synonym group
of `synonyms_nl.txt` that a word belongs to. The terms are stored in a `search_text` column,
set in the same flush that writes the text (`_keep_in_step`), so both databases index the very
same tokens:

- PostgreSQL: `search_vector`, a generated `to_tsvector('simple', search_text)` with a GIN
  index; ranked with `ts_rank`.
- SQLite: `signal_search` (`signal_card_search`), a contentless FTS5 table filled by triggers
  on `search_text`; ranked with BM25. Contentless: it holds no copy of any text, only terms.

Both are made by migration 0006 and are invisible to the models (`include_object`).
"""

import functools
import re
import unicodedata
from pathlib import Path

import Stemmer
from sqlalchemy import Select, event, false, func, inspect, literal_column, select, table, text
from sqlalchemy.orm import Session, undefer

from webapp.extensions import db
from webapp.models import Signal, SignalCard

MAX_TERMS = 8
CONCEPT_PREFIX = "zzsyn"  # no Dutch word starts so: concept terms never meet a typed word
SYNONYMS_FILE = Path(__file__).with_name("synonyms_nl.txt")
_STEMMER = Stemmer.Stemmer("dutch_porter")
# What is indexed: the model, its text fields, and the name of its SQLite FTS5 table.
INDEXED = {
    Signal: (("title", "description"), "signal_search"),
    SignalCard: (("title", "summary"), "signal_card_search"),
}

_STOPWORDS = """
    aan al alle alleen als altijd ander andere bij daar dan dat de deze die dit doen door dus
    een eens en er geen geweest had heb hebben heeft hem het hier hij hoe hun iets ik in is ja
    je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat
    ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we
    wel werd wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou zeer vaak soms erg
    heel echter terwijl waardoor worden geworden hebt zeker veel weinig onze jullie hen haar
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def fold(text: str) -> str:
    """Lower case without accents: "Crèche" and "creche" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text, stop words left out. Only [a-z0-9]: safe in any query."""
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOPWORDS]


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _pattern(member: str) -> str:
    """A synonym member as a regular expression over a folded word: `*` is any letters."""
    return "".join(
        "[a-z0-9]*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", member)
    )


def _load_synonyms(path: Path) -> dict[str, re.Pattern]:
    groups = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, members = line.partition(":")
        patterns = [_pattern(fold(m.strip())) for m in members.split(",") if m.strip()]
        groups[fold(name.strip())] = re.compile("|".join(f"(?:{p})" for p in patterns))
    return groups


SYNONYMS = _load_synonyms(SYNONYMS_FILE)


@functools.lru_cache(maxsize=50_000)
def concepts_of(word: str) -> tuple[str, ...]:
    """The concept terms of the synonym groups a folded word belongs to."""
    return tuple(
        f"{CONCEPT_PREFIX}{name}"
        for name, pattern in SYNONYMS.items()
        if pattern.fullmatch(word) or pattern.fullmatch(stem(word))
    )


def terms(text: str) -> list[str]:
    """The stems of a text, then its concepts, each once, in order of appearance."""
    found = [w for w in words(text) if len(w) > 1]
    stems = dict.fromkeys(stem(w) for w in found)
    concepts = dict.fromkeys(c for w in found for c in concepts_of(w))
    return [*stems, *concepts]


def index_terms(title: str, description: str) -> str:
    """What the index holds for a signal's text: its stems and concepts."""
    return " ".join(terms(f"{title or ''} {description or ''}"))


def terms_of(item) -> str:
    """The index terms of a signal or a card, from its text fields."""
    fields, _ = INDEXED[type(item)]
    return index_terms(*(getattr(item, name) or "" for name in fields))


def reindex(item, purge: bool = False) -> None:
    """Bring the index in step with a signal's (or card's) text, in the current transaction.

    Writing the text through the session already does this; call it after a bulk UPDATE, and
    with `purge=True` after a redaction: SQLite's FTS5 keeps a deleted row's terms on disk
    until its segments merge, so `purge` merges them now (the old terms no longer match
    either way). PostgreSQL drops dead row versions by (auto)vacuum.
    """
    item.search_text = terms_of(item)
    db.session.flush()
    if purge and db.session.get_bind().dialect.name == "sqlite":
        fts = INDEXED[type(item)][1]
        db.session.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('optimize')"))


def reindex_signal(signal: Signal) -> None:
    """After a redaction (webapp/privacy/redaction.py on main): re-index and purge."""
    reindex(signal, purge=True)


def reindex_all(session, model) -> int:
    """Recompute every row's index terms (after the synonym list changed); the count."""
    done = 0
    for item in session.scalars(select(model).options(undefer(model.search_text))):
        terms = terms_of(item)
        if item.search_text != terms:
            item.search_text = terms
        done += 1
    session.flush()
    return done


@event.listens_for(Session, "before_flush")
def _keep_in_step(session: Session, flush_context, instances) -> None:
    for item in (*session.new, *session.dirty):
        if type(item) not in INDEXED:
            continue
        fields, _ = INDEXED[type(item)]
        state = inspect(item)
        if item in session.new or any(state.attrs[name].history.has_changes() for name in fields):
            item.search_text = terms_of(item)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the search machinery out of Alembic's model-to-schema comparison."""
    if type_ == "table" and name.startswith(("signal_search", "signal_card_search", "signal_fts")):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name.endswith("_search_vector"))


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _fts_match(fts: str, expression: str):
    return (
        select(literal_column("rowid"))
        .select_from(table(fts))
        .where(literal_column(fts).op("MATCH")(expression))
    )


def query_words(text: str) -> list[tuple[str, ...]]:
    """Each typed word as its stem and, when that differs, the word itself, at most MAX_TERMS.

    Both are matched as word starts: the stem finds inflections ("wachtlijsten"), the word
    finds compounds the stemmer cut differently ("school", stem "schol", in "schooluitval").
    """
    typed = dict.fromkeys(w for w in words(text))
    return [tuple(dict.fromkeys((stem(w), w))) for w in typed][:MAX_TERMS]


def matching(query: Select, typed: str, model=Signal, dense: bool = False) -> Select:
    """Narrow a query of signals (or cards) to those holding every word typed, as word starts.

    "wachtlijst" finds "wachtlijsten" (one stem) and "wachtlijstbeheer" (a longer word).
    `dense`: the caller counted many matches and wants a page in its own order; SQLite then
    walks that order's index and looks each row up among the matches (a thousandth of the
    time for 6,000 matches) instead of sorting every match (fastest when they are few).
    """
    wanted = query_words(typed)
    if not wanted:  # only punctuation or stop words: nothing to look for, so nothing found
        return query.where(false())
    if _dialect() == "postgresql":
        expression = " & ".join("(" + " | ".join(f"{f}:*" for f in forms) + ")" for forms in wanted)
        vector = literal_column(f"{model.__tablename__}.search_vector")
        return query.where(vector.op("@@")(func.to_tsquery("simple", expression)))
    expression = " AND ".join("(" + " OR ".join(f'"{f}"*' for f in forms) + ")" for forms in wanted)
    # "id + 0" keeps SQLite from driving the query by the matches: an expression is no key.
    key = model.id + 0 if dense else model.id
    return query.where(key.in_(_fts_match(INDEXED[model][1], expression)))


def best_matches(
    query: Select, search_terms: list[str], limit: int, since_id: int | None = None
) -> Select:
    """The `limit` signals of the query sharing most with any of the terms (unordered).

    Terms are whole index terms (stems and concepts: no word starts, whose expansion costs
    more than the whole ranking); ranked by the database (BM25 on SQLite, `ts_rank` on
    PostgreSQL). `since_id` bounds the work: only signals from that id on are ranked. The
    ranking reads ids only; the rows are loaded for the winners alone.
    """
    ids = query.with_only_columns(Signal.id)
    if _dialect() == "postgresql":
        wanted = func.to_tsquery("simple", " | ".join(search_terms))
        vector = literal_column("signal.search_vector")
        if since_id is not None:
            ids = ids.where(Signal.id >= since_id)
        ranked = ids.where(vector.op("@@")(wanted)).order_by(
            func.ts_rank(vector, wanted).desc(), Signal.id.desc()
        )
    else:
        fts = table("signal_search", literal_column("rowid"))
        rowid = literal_column("signal_search.rowid")
        if since_id is not None:
            # On the FTS5 table itself: FTS5 then reads only that range of each doclist.
            ids = ids.where(rowid >= since_id)
        ranked = (
            ids.join(fts, rowid == Signal.id)
            .where(
                literal_column("signal_search").op("MATCH")(
                    " OR ".join(f'"{t}"' for t in search_terms)
                )
            )
            .order_by(literal_column("signal_search.rank"), Signal.id.desc())
        )
    return query.where(Signal.id.in_(ranked.limit(limit).scalar_subquery()))
