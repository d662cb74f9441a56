"""Add or edit one contact: a modal form that hands back the edited Contact (or None)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from coach.core.clock import iso
from coach.core.contact import HOW_KNOWN, HOW_KNOWN_LABELS, STAGES, Contact, field_problems
from coach.core.outreach import restaged
from coach.core.referral_tree import loop_through
from coach.core.text import clean, clean_line
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# (field name, label, placeholder) for the one-line text fields, in the order shown. A
# placeholder is a hint in brackets, an example begins "e.g.": neither can be read as a value
# already filled in, even where the terminal shows no dim colour.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "(first and last name)"),
    ("organisation", "Organisation", "(where they work or study)"),
    ("role", "Role", "(what they do there)"),
    ("email", "Email", "(e.g. name@example.org)"),
    ("profile_url", "Profile URL", "(e.g. linkedin.com/in/their-name)"),
    ("phone", "Phone", "(optional)"),
)


# Fields whose content is checked on saving, in the form's order; each has a message line.
CHECKED = ("name", "email", "profile_url")


def split_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated line, cleaned, without repeats."""
    tags: list[str] = []
    for part in text.split(","):
        tag = clean_line(part).strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class ContactFormScreen(ModalScreen[Contact | None]):
    """The fields of a contact; Ctrl+S (or Save) dismisses with the contact, Esc with None."""

    CSS_PATH = SCREEN_RULES

    HELP = (
        "Fill in what you know about this person; only the name is required. How you know "
        "them shapes the request draft, and 'referred by' puts them in the referral tree. "
        "Tags are separated by commas. Ctrl+S saves; Esc leaves, asking first if you changed "
        "anything."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="contacts.form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="contacts.form.cancel"),
    ]

    app: CoachApp

    def __init__(self, contact: Contact | None, others: Sequence[Contact]) -> None:
        super().__init__()
        self.original = contact
        self.contact = contact or Contact(name="")
        # Someone cannot be their own referrer; the picker lists the others by name.
        self.others = sorted(
            (c for c in others if c.id != self.contact.id),
            key=lambda c: (c.name.casefold(), c.organisation.casefold(), c.id),
        )

    def compose(self) -> ComposeResult:
        title = "Edit contact" if self.original else "New contact"
        with Vertical(classes="contact-form-box"):
            yield Static(Content.styled(title, "bold"), id="contact-form-title")
            # One row per field, label beside it, so the whole form fits in 80×24.
            with VerticalScroll(classes="contact-form-scroll"):
                for name, label, placeholder in TEXT_FIELDS:
                    with Horizontal(classes="contact-field"):
                        yield Label(label, classes="contact-field-label")
                        yield Input(
                            getattr(self.contact, name),
                            placeholder=placeholder,
                            id=f"contact-{name.replace('_', '-')}",
                            compact=True,
                        )
                    if name in CHECKED:
                        yield Static(
                            "",
                            id=f"contact-{name.replace('_', '-')}-message",
                            classes="field-message",
                        )
                with Horizontal(classes="contact-field"):
                    yield Label("How known", classes="contact-field-label")
                    yield Select(
                        [(HOW_KNOWN_LABELS[k], k) for k in HOW_KNOWN],
                        prompt="not recorded",
                        value=self.contact.how_known or Select.NULL,
                        id="contact-how-known",
                        compact=True,
                    )
                with Horizontal(classes="contact-field"):
                    yield Label("Referred by", classes="contact-field-label")
                    yield Select(
                        [(self._referrer_option(c), c.id) for c in self.others],
                        prompt="nobody",
                        value=self._referrer_value(),
                        id="contact-referred-by",
                        compact=True,
                    )
                yield Static("", id="contact-referred-by-message", classes="field-message")
                with Horizontal(classes="contact-field"):
                    yield Label("Stage", classes="contact-field-label")
                    yield Select(
                        [(s, s) for s in STAGES],
                        allow_blank=False,
                        value=self.contact.stage,
                        id="contact-stage",
                        compact=True,
                    )
                with Horizontal(classes="contact-field"):
                    yield Label("Tags", classes="contact-field-label")
                    yield Input(
                        ", ".join(self.contact.tags),
                        placeholder="(comma-separated, e.g. mentor, data)",
                        id="contact-tags",
                        compact=True,
                    )
                yield Label("Notes", classes="contact-field-label")
                yield TextArea(self.contact.notes, id="contact-notes")
            with Horizontal(classes="confirm-buttons"):
                yield Button("Save", id="contact-save", variant="primary", compact=True)
                yield Button("Cancel", id="contact-cancel", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    @staticmethod
    def _referrer_option(contact: Contact) -> Content:
        # Two people may share a name; the organisation tells them apart in the list.
        label = literal(contact.name or "(no name)")
        if contact.organisation:
            label = Content.assemble(
                label, Content.styled(" · ", "dim"), literal(contact.organisation)
            )
        return label

    def _referrer_value(self) -> str | object:
        known = {c.id for c in self.others}
        return self.contact.referred_by if self.contact.referred_by in known else Select.NULL

    def on_mount(self) -> None:
        self.query_one("#contact-name", Input).focus()
        self._as_opened = self._typed()

    def _typed(self) -> tuple[object, ...]:
        """Everything the form holds now, as typed: what Esc would throw away."""
        return (
            *(widget.value for widget in self.query(Input).results(Input)),
            *(widget.value for widget in self.query(Select).results(Select)),
            self.query_one("#contact-notes", TextArea).text,
        )

    @on(Button.Pressed, "#contact-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#contact-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _text(self, name: str) -> str:
        return clean_line(self.query_one(f"#contact-{name.replace('_', '-')}", Input).value).strip()

    def build(self) -> Contact | None:
        """The contact the form describes; None (with a message) when the name is empty."""
        values: dict[str, Any] = {name: self._text(name) for name, _, _ in TEXT_FIELDS}
        problems = field_problems(values["email"], values["profile_url"])
        if not values["name"]:
            problems["name"] = "A name is needed."
        for name in CHECKED:
            message = self.query_one(f"#contact-{name.replace('_', '-')}-message", Static)
            message.update(problems.get(name, ""))
            message.set_class(name in problems, "-visible")
        referrer = self.query_one("#contact-referred-by", Select).value
        loop = (
            loop_through([*self.others, self.contact], self.contact.id, referrer)
            if isinstance(referrer, str)
            else []
        )
        message = self.query_one("#contact-referred-by-message", Static)
        if loop:
            this = values["name"] or "this person"
            message.update(
                literal(
                    f"{loop[0].name} came to you through {this}, so cannot also have "
                    "referred them. Choose who first put you in touch, or nobody."
                )
            )
        else:
            message.update("")
        message.set_class(bool(loop), "-visible")
        if loop and not problems:
            self.query_one("#contact-referred-by", Select).focus()
            return None
        if problems:
            # The first field in the form's order that needs fixing gets the cursor.
            first = next(name for name in CHECKED if name in problems)
            self.query_one(f"#contact-{first.replace('_', '-')}", Input).focus()
            return None
        how = self.query_one("#contact-how-known", Select).value
        stage = self.query_one("#contact-stage", Select).value
        now = iso(self.app.clock.now().astimezone())
        edited = replace(
            self.contact,
            **values,
            how_known=how if isinstance(how, str) else "",
            referred_by=referrer if isinstance(referrer, str) else None,
            stage=stage if isinstance(stage, str) else self.contact.stage,
            tags=split_tags(self.query_one("#contact-tags", Input).value),
            notes=clean(self.query_one("#contact-notes", TextArea).text).strip(),
            updated_at=now,
        )
        return restaged(self.contact, edited, now)

    def action_save(self) -> None:
        contact = self.build()
        if contact is not None:
            self.dismiss(contact)

    def action_cancel(self) -> None:
        if self._typed() == self._as_opened:
            self.dismiss(None)
            return
        from coach.tui.screens.confirm import ChoiceScreen

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)
            elif choice == "save":
                self.action_save()

        # Staying comes first: an Esc pressed by habit must not cost what was typed.
        answers = [("Keep editing", "stay"), ("Save", "save"), ("Discard changes", "discard")]
        question = (
            "You have changed this contact. Leave without saving?"
            if self.original is not None
            else "This new contact is not saved yet. Leave without saving it?"
        )
        self.app.push_screen(ChoiceScreen[str](question, answers, title="Unsaved"), answered)
