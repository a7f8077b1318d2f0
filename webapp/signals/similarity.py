"""Existing signals that look like the one being typed: the same problem, in other words too.

The database finds candidates through the one search index (webapp/search.py: stems and
synonym concepts, ranked by BM25 or ts_rank); Python then scores the few candidates the same
way on both databases: shared stems, shared concepts (synonyms), words shared by the titles,
and shared themes and target groups.
"""

from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import selectinload, undefer

from webapp import search
from webapp.extensions import db
from webapp.models import Signal

CANDIDATES = 40
# Suggestions look among the newest signals of the scope only: ranking every match of a big
# municipality costs too much while typing, and a recent twin is the one worth reinforcing.
WINDOW = 5000
MAX_QUERY_TERMS = 16
# Words of the field that nearly every signal uses: alike on them alone is no likeness.
_COMMON = """
    kinderen kind ouders ouder gezinnen gezin mensen persoon personen hulp probleem problemen
    lang lange maanden maand weken week jaar jaren stad gemeente buurt vinden krijgen moeten
    komen gaan blijven staan zitten geven nodig goed grote groot klein kleine nieuwe nieuw
    steeds vaak dikwijls meestal vooral laat tijd dag dagen plaats plek zoals omdat
    jongeren jongere tieners tiener ouderen senioren leerlingen leerling leerkracht leerkrachten
    school scholen nieuwkomers thuis straat
"""
COMMON = frozenset(search.stem(word) for word in _COMMON.split())
# Concepts that only restate who is affected: the target groups say that better.
WEAK_CONCEPTS = frozenset(
    f"{search.CONCEPT_PREFIX}{name}"
    for name in ("jongeren", "ouderen", "nieuwkomer", "school", "wonen")
)
CONCEPT_WEIGHT = 1.5
WEAK_CONCEPT_WEIGHT = 0.5
STEM_WEIGHT = 1.0
COMMON_WEIGHT = 0.25
TITLE_BONUS = 0.5
THEME_BONUS = 0.06
GROUP_BONUS = 0.04
MIN_TEXT_SCORE = 0.12
MIN_SHARED = 2


@dataclass(frozen=True)
class Draft:
    """What the giver has typed and ticked so far."""

    title: str
    description: str
    theme_ids: frozenset[int] = frozenset()
    target_group_ids: frozenset[int] = frozenset()


def _is_concept(term: str) -> bool:
    return term.startswith(search.CONCEPT_PREFIX)


def _weight(term: str) -> float:
    if _is_concept(term):
        return WEAK_CONCEPT_WEIGHT if term in WEAK_CONCEPTS else CONCEPT_WEIGHT
    return COMMON_WEIGHT if term in COMMON else STEM_WEIGHT


def _shared(draft_terms: set[str], terms: set[str]) -> set[str]:
    """The terms both texts hold; a concept only when no shared word already accounts for it,
    so that one word written alike does not count twice."""
    shared = draft_terms & terms
    explained = {c for t in shared if not _is_concept(t) for c in search.concepts_of(t)}
    return {t for t in shared if not (_is_concept(t) and t in explained)}


def _text_score(draft_terms: set[str], draft_title: set[str], terms: set[str], title: set[str]):
    """Weighted overlap of two texts (Dice over term weights), and the terms they share."""
    shared = _shared(draft_terms, terms)
    weight = sum(_weight(t) for t in shared) + TITLE_BONUS * len(draft_title & title)
    total = sum(_weight(t) for t in draft_terms) + sum(_weight(t) for t in terms)
    return (2 * weight / total if total else 0.0), shared


def score(draft: Draft, draft_terms: set[str], draft_title: set[str], signal: Signal) -> float:
    """How alike a signal is to the draft; 0 when they do not share enough.

    Enough is two terms, or one under a shared theme or target group: "Onthaalouders volzet"
    and "Tekort aan plaatsen in de kinderopvang" share one concept, and both are about children.
    """
    terms = set(signal.search_text.split())
    text, shared = _text_score(draft_terms, draft_title, terms, set(search.terms(signal.title)))
    themes = len(draft.theme_ids & {t.id for t in signal.themes})
    groups = len(draft.target_group_ids & {g.id for g in signal.target_groups})
    strong = {t for t in shared if _weight(t) >= STEM_WEIGHT}
    enough = len(shared) >= MIN_SHARED or themes + groups > 0
    if not enough or not strong or text < MIN_TEXT_SCORE:
        return 0.0
    return text + THEME_BONUS * themes + GROUP_BONUS * groups


def rank(draft: Draft, candidates: list[Signal], limit: int) -> list[Signal]:
    """The candidates alike enough to the draft, most alike first."""
    draft_terms = set(search.terms(f"{draft.title} {draft.description}"))
    draft_title = set(search.terms(draft.title))
    scored = [(score(draft, draft_terms, draft_title, s), s) for s in candidates]
    scored = [(value, s) for value, s in scored if value > 0]
    scored.sort(key=lambda item: (-item[0], -item[1].id))
    return [signal for _, signal in scored[:limit]]


def _query_terms(text: str) -> list[str]:
    """What to ask the index for: the concepts (they carry paraphrases) and the distinctive
    stems, longest first. Common words and weak concepts are left to the scoring: asking for
    them makes the database rank nearly every signal."""
    terms = [t for t in search.terms(text) if len(t) > 2]
    strong = [t for t in terms if _weight(t) >= STEM_WEIGHT]
    chosen = strong if len(strong) >= MIN_SHARED else terms
    concepts = [t for t in chosen if _is_concept(t)]
    stems = sorted((t for t in chosen if not _is_concept(t)), key=lambda t: (t in COMMON, -len(t)))
    return [*concepts, *stems][:MAX_QUERY_TERMS]


def similar_signals(
    scope: Select, title: str, description: str, limit: int = 5, **ticked
) -> list[Signal]:
    """Up to `limit` signals of the scope that most look like the draft."""
    draft = Draft(
        title,
        description,
        frozenset(ticked.get("theme_ids") or ()),
        frozenset(ticked.get("target_group_ids") or ()),
    )
    wanted = _query_terms(f"{title} {description}")
    if len(wanted) < MIN_SHARED:
        return []
    query = scope.options(
        undefer(Signal.search_text),
        selectinload(Signal.themes),
        selectinload(Signal.target_groups),
    )
    since_id = db.session.scalar(
        scope.with_only_columns(Signal.id).order_by(Signal.id.desc()).offset(WINDOW - 1).limit(1)
    )
    candidates = db.session.scalars(
        search.best_matches(query, wanted, CANDIDATES, since_id=since_id)
    ).all()
    return rank(draft, list(candidates), limit)
