"""The review step of the personal-data guard, shared by every form whose text another person
can read: the findings are highlighted above the form, nothing typed is lost, and the writer
either fixes the text or confirms exactly the text that was reviewed.

A form mixes in `ReviewMixin`, names its text fields in `review_fields`, and calls `review()`
after validating; templates render it with the macros in `_macros/review.html`.
"""

import hashlib
import hmac

from flask import current_app
from markupsafe import Markup
from wtforms import BooleanField, HiddenField
from wtforms.fields.core import Label
from wtforms.validators import Length, Optional

from common.personal_data import guard as privacy_guard
from webapp import access
from webapp.publication import findings_in, text_hash

BROKEN_FORM = "Dit formulier is ongeldig. Laad de pagina opnieuw."
CONFIRM_LABEL = (
    "Ik heb mijn tekst nagekeken: wat hierboven gemarkeerd is, zijn geen persoonsgegevens "
    "van burgers."
)


class ReviewMixin:
    """Adds the review step to a form; mix in before the form class."""

    # The text fields the guard reads, and a prefix that keeps the ids unique on a page that
    # holds several reviewed forms ("" keeps the plain ids).
    review_fields: tuple[str, ...] = ()
    review_id: str = ""

    reviewed_text = HiddenField(
        "Formulier", validators=[Optional(), Length(max=64, message=BROKEN_FORM)]
    )
    confirm_personal_data = BooleanField(CONFIRM_LABEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings: list[tuple[str, Markup, list]] = []
        self.may_confirm = True
        self.review_anchor = f"{self.review_id}-persoonsgegevens".lstrip("-")
        if self.review_id:
            for field in (self.reviewed_text, self.confirm_personal_data):
                field.id = f"{self.review_id}-{field.name}".replace("_", "-")
                field.label = Label(field.id, field.label.text)

    def review_texts(self) -> list[tuple[str, str, str]]:
        """(field name, label, text) of every text the guard reads."""
        return [(name, self[name].label.text, self[name].data or "") for name in self.review_fields]

    def review(
        self,
        extra: list[tuple[str, str, str]] = (),
        may_confirm: bool = True,
        confirmed: set[str] = frozenset(),
    ) -> bool:
        """Whether the texts may be saved: the guard finds nothing, or the writer (when allowed
        to) confirmed exactly the flagged texts. Otherwise the findings are set for the template and
        the form carries the fingerprint of what is now shown for review. `confirmed` holds the
        hashes of texts a head processor confirmed for publication before (webapp/publication)."""
        texts = [*self.review_texts(), *extra]
        self.may_confirm = may_confirm
        self.findings = []
        flagged = []
        for name, label, text in texts:
            found = [] if text_hash(text) in confirmed else findings_in(name, text)
            if found:
                self.findings.append((label, privacy_guard.highlight(text, found), found))
                flagged.append(f"{name}\x1e{text}")
        if not self.findings:
            return True
        # The confirmation covers exactly the flagged texts as shown: a field filled in after
        # the review (a missing title) needs no second round unless it is flagged itself.
        fingerprint = _fingerprint(flagged)
        given = self.reviewed_text.data or ""
        if (
            may_confirm
            and self.confirm_personal_data.data
            and hmac.compare_digest(given, fingerprint)
        ):
            return True
        self.reviewed_text.data = fingerprint
        self.confirm_personal_data.data = False
        return False

    def may_publish(self, public: bool, user, municipality) -> bool:
        """Who may confirm a flagged text: anyone who writes it, but for a text that goes
        public only a head processor (the publication gate, webapp/publication.py)."""
        return not public or access.may_confirm_publication(user, municipality)

    def blocked(self, flagged) -> None:
        """Show what the publication gate refused (PublicationBlocked.flagged) for review."""
        self.may_confirm = False
        self.findings = [
            (f.label, privacy_guard.highlight(f.text, f.findings), f.findings) for f in flagged
        ]

    @property
    def confirmed_kinds(self) -> list[str]:
        """The kinds of personal data the writer confirmed, for the record."""
        return sorted({f.kind for _, _, found in self.findings for f in found})


def _fingerprint(texts) -> str:
    """Identifies the exact texts reviewed, keyed so that it cannot be made up client-side."""
    joined = "\x1f".join(texts).encode()
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, b"review\x00" + joined, hashlib.sha256).hexdigest()
