"""Request: draft the ask for a conversation from a template, checked live as you type."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Select, Static, TextArea

from coach.core.clock import iso
from coach.core.contact import Contact
from coach.core.outreach import (
    BLANKS,
    CheckResult,
    RequestTemplate,
    check_request,
    fill_for,
    fill_template,
    mark_asked,
    pick_template,
    template_of,
    template_values,
)
from coach.core.text import clean_line, counted
from coach.services.paths import title_of
from coach.store.db import YOUR_NAME
from coach.tui.literal import literal
from coach.tui.screens.saving import SavingScreen
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


# The checks in the order check_request returns them; one row each on screen.
CHECK_IDS: tuple[str, ...] = (
    "length",
    "connection-first",
    "ask-question",
    "no-job-words",
    "about-them",
    "filled-in",
)


def check_mark(result: CheckResult) -> Content:
    """✓ for a passed check, ✗ for one that failed."""
    return (
        Content.styled("✓", "bold $text-success")
        if result.passed
        else Content.styled("✗", "bold $text-error")
    )


def check_line(result: CheckResult) -> Content:
    """One check as a line: a mark, then its message."""
    return Content.assemble(check_mark(result), " ", literal(result.message))


class RequestScreen(SavingScreen[Contact | None]):
    """The draft on the left, the checks on the right; dismisses with the contact if asked."""

    HELP = (
        "Write the message that asks for a short conversation. Pick a template to start from; "
        "it is filled in from the contact. The checks on the right follow every keystroke: "
        "keep it short, say how you are connected in the first sentence, make the ask a "
        "question, leave out anything about jobs, write more about them than about you, and "
        "fill in any [gap] the contact's details could not (their role, say). Choosing another "
        "template asks before it replaces words of your own. "
        "Copy (F2) puts the subject line and the message on the clipboard; F5 copies the "
        "subject alone, for a mail program's own subject field. Mark as asked dates the ask, "
        "which starts the reply windows on the agenda."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="request.back"),
        Binding("f2", "copy", "Copy", id="request.copy", tooltip="Copy the subject and message"),
        Binding("f5", "copy_subject", "Copy subject", id="request.copy_subject", show=False),
        Binding("f3", "mark_asked", "Mark as asked", id="request.asked"),
        Binding("f4", "choose_template", "Template", id="request.template"),
    ]

    app: CoachApp

    def __init__(self, contact: Contact | str, referrer: Contact | None = None) -> None:
        super().__init__()
        # Callers that hold the contact pass it: the store may not have the newest edit yet.
        self.contact_ref = contact
        self.contact: Contact | None = contact if isinstance(contact, Contact) else None
        self.referrer: Contact | None = referrer
        self.templates: list[RequestTemplate] = []
        self.asked = False
        # The template the draft came from, and its text as filled in: a draft that differs
        # from it holds the person's own words, which a change of template must not wipe.
        self.template_id: str | None = None
        self._filled: str | None = None
        # A template chosen only to show its subject, keeping the text in the editor.
        self._keep_text_for: str | None = None
        self.my_name = ""
        # The title of the path the person is on ("" for none): the referral template names it.
        self.path = ""
        #: The subject line of the template the draft came from, filled in ("" for none).
        self.subject = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield SaveBanner(id="request-save-error")
        yield Static("", id="request-to")
        with Horizontal(id="request-body"):
            with Vertical(id="request-editor"):
                yield Select(
                    [], prompt="(your own words, no template)", id="request-template", compact=True
                )
                yield Static("", id="request-subject")
                yield TextArea("", id="request-draft", soft_wrap=True)
            with Vertical(id="request-checks"):
                yield Static(Content.styled("Checks", "bold"))
                # The mark in its own column, so a long message wraps under its own words.
                with Vertical(id="request-check-list"):
                    for check_id in CHECK_IDS:
                        with Horizontal(classes="request-check", id=f"request-check-{check_id}"):
                            yield Static("", classes="request-check-mark")
                            yield Static("", classes="request-check-message")
        with Horizontal(id="request-buttons"):
            yield Button("Copy (F2)", id="request-copy", compact=True)
            yield Button("Mark as asked (F3)", id="request-mark", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        from coach.store.templates import load_templates

        if self.contact is None:
            doc = self.app.store.get_contact(str(self.contact_ref))
            self.contact = Contact.from_dict(doc) if doc else Contact(name="")
        contact = self.contact
        if contact.referred_by and self.referrer is None:
            doc = self.app.store.get_contact(contact.referred_by)
            self.referrer = Contact.from_dict(doc) if doc else None
        self.path = title_of(self.app.store, contact.path_id)
        saved = self.app.store.get_meta(YOUR_NAME)
        # Signs the draft; without it the sign-off is a [your name] gap to fill in.
        self.my_name = saved if isinstance(saved, str) else ""
        self.templates, problems = load_templates(self.app.paths)
        if problems:
            self.notify(
                f"{counted(len(problems), 'problem')} found in your request templates; the "
                f"others are ready.\n{clean_line(str(problems[0]))}",
                title="Templates",
                severity="warning",
                markup=False,
            )
        self._show_header()
        select = self.query_one("#request-template", Select)
        select.set_options([(literal(t.title), t.id) for t in self.templates])
        chosen = pick_template(self.templates, contact)
        if contact.request_draft:
            # A draft written earlier comes back as it was left, not refilled from a template;
            # the template it was most likely begun from names the subject.
            self.query_one("#request-draft", TextArea).load_text(contact.request_draft)
            self.notify("Your earlier draft is back.", title="Draft", timeout=3)
            chosen = (
                template_of(
                    contact.request_draft,
                    self.templates,
                    contact,
                    self.referrer,
                    self.my_name,
                    self.path,
                )
                or chosen
            )
            if chosen is not None:
                self._keep_text_for = chosen.id
                select.value = chosen.id
        elif chosen is not None:
            # Setting the value fills the draft through the Changed handler.
            select.value = chosen.id
        self.update_checks()
        self.query_one("#request-draft", TextArea).focus()

    def _show_header(self) -> None:
        contact = self.contact
        if contact is None:
            return
        parts: list[Content] = [Content("To "), literal(contact.name or "(no name)")]
        if contact.organisation:
            parts += [Content(" at "), literal(contact.organisation)]
        if contact.asked_at and contact.stage == "asked":
            # "asked · asked 2026-11-28" says it twice: the date is the news.
            parts.append(Content.styled(f" · asked on {contact.asked_at[:10]}", "dim"))
        else:
            parts.append(Content.styled(f" · {contact.stage}", "dim"))
            if contact.asked_at:
                parts.append(Content.styled(f" · asked on {contact.asked_at[:10]}", "dim"))
        self.query_one("#request-to", Static).update(Content.assemble(*parts))

    def now(self) -> str:
        """The time now from the app's clock (tests fix it), in local time like the records."""
        return iso(self.app.clock.now().astimezone())

    @property
    def draft(self) -> str:
        """The text in the editor now."""
        return self.query_one("#request-draft", TextArea).text

    @on(Select.Changed, "#request-template")
    def _template_chosen(self, event: Select.Changed) -> None:
        template = next((t for t in self.templates if t.id == event.value), None)
        if template is None or self.contact is None or template.id == self.template_id:
            return
        if self._keep_text_for == template.id:
            self._keep_text_for = None
            self.template_id = template.id
            self._show_subject(template)
            return
        filled = fill_for(template, self.contact, self.referrer, self.my_name, self.path)
        draft = self.draft
        if draft.strip() and draft not in (self._filled, filled):
            self._ask_before_replacing(template, filled)
            return
        self._use(template, filled)

    def _use(self, template: RequestTemplate, filled: str) -> None:
        self.template_id = template.id
        self._filled = filled
        self.query_one("#request-draft", TextArea).load_text(filled)
        self._show_subject(template)
        self.update_checks()

    def _ask_before_replacing(self, template: RequestTemplate, filled: str) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        def answered(choice: str | None) -> None:
            if choice == "replace":
                self._use(template, filled)
                return
            # Back to the template the draft came from, without touching the text.
            select = self.query_one("#request-template", Select)
            if self.template_id is None:
                select.clear()
            else:
                self._keep_text_for = self.template_id
                self.template_id = None
                select.value = self._keep_text_for
            self.query_one("#request-draft", TextArea).focus()

        question = Content.assemble(
            "The draft has your own words in it. Start again from ",
            literal(f"“{template.title}”"),
            "? Your words would be replaced.",
        )
        answers = [("Keep my draft", "keep"), ("Replace it", "replace")]
        self.app.push_screen(ChoiceScreen[str](question, answers, title="Template"), answered)

    def _show_subject(self, template: RequestTemplate) -> None:
        assert self.contact is not None
        subject = fill_template(
            template.subject, template_values(self.contact, self.referrer, self.my_name, self.path)
        )
        self.subject = subject
        self.query_one("#request-subject", Static).update(
            Content.assemble(Content.styled("Subject: ", "dim"), literal(subject))
            if subject
            else Content("")
        )

    @on(TextArea.Changed, "#request-draft")
    def _draft_changed(self) -> None:
        self.update_checks()

    def update_checks(self) -> None:
        """Run every check on the draft and show the verdicts."""
        results = check_request(
            self.draft, self.contact, self.referrer, my_name=self.my_name, path=self.path
        )
        self.checks = results
        for result in results:
            row = self.query_one(f"#request-check-{result.id}", Horizontal)
            row.query_one(".request-check-mark", Static).update(check_mark(result))
            message = literal(result.message)
            if not result.passed and BLANKS["my_name"] in result.message and not self.my_name:
                # Said once here, it need not be typed into every draft again.
                message = Content.assemble(
                    message, Content.styled(" (m on Home saves your name)", "dim")
                )
            row.query_one(".request-check-message", Static).update(message)
            row.set_class(not result.passed, "-failed")

    def checks_text(self) -> str:
        """The checks as shown on screen, one line each: a mark, then the message."""
        rows = self.query(".request-check")
        return "\n".join(
            f"{row.query_one('.request-check-mark', Static).render()} "
            f"{row.query_one('.request-check-message', Static).render()}"
            for row in rows
        )

    def action_choose_template(self) -> None:
        self.query_one("#request-template", Select).focus()

    @on(Button.Pressed, "#request-copy")
    def action_copy(self) -> None:
        if not self.subject:
            self.app.copy_to_clipboard(self.draft)
            self.notify("The message is on the clipboard.", title="Copied")
            return
        self.app.copy_to_clipboard(f"Subject: {self.subject}\n\n{self.draft}")
        self.notify(
            "The subject line and the message are on the clipboard (F5 copies the subject alone).",
            title="Copied",
        )

    def action_copy_subject(self) -> None:
        if not self.subject:
            self.notify("This draft has no subject line.", markup=False)
            return
        self.app.copy_to_clipboard(self.subject)
        self.notify("The subject line is on the clipboard.", title="Copied")

    @on(Button.Pressed, "#request-mark")
    def action_mark_asked(self) -> None:
        if self.contact is None or not self.contact.name:
            return
        today = self.now()[:10]
        if (self.contact.asked_at or "")[:10] == today:
            # A second press is not a second ask: it would log one and restart the reminders.
            self.notify("Already marked as asked today.", markup=False)
            return
        gaps = next((r for r in self.checks if r.id == "filled-in" and not r.passed), None)
        if gaps is not None:
            # It may have been filled in in the mail program after copying; ask, do not refuse.
            from coach.tui.screens.confirm import ChoiceScreen

            def answered(choice: str | None) -> None:
                if choice == "sent":
                    self._mark_asked()
                else:
                    self.query_one("#request-draft", TextArea).focus()

            question = Content.assemble(
                "The draft here still has gaps: ",
                literal(gaps.message.removeprefix("Fill in ")),
                ". Was it sent filled in?",
            )
            answers = [("Go back and fill them in", "fill"), ("Yes, it was sent", "sent")]
            self.app.push_screen(ChoiceScreen[str](question, answers, title="Gaps"), answered)
            return
        self._mark_asked()

    def _mark_asked(self) -> None:
        assert self.contact is not None
        # The message sent stays with the contact, as a record of what was asked.
        self.contact = replace(mark_asked(self.contact, at=self.now()), request_draft=self.draft)
        self.asked = True
        self.app.store.save("contact", self.contact.to_dict())
        self._show_header()
        self.notify("Ask dated today. The agenda will remind you if no reply comes.", title="Asked")

    def action_back(self) -> None:
        changed = self.keep_draft()
        self.dismiss(self.contact if self.asked or changed else None)

    def keep_draft(self) -> bool:
        """Store the text in the editor on the contact, so leaving the screen loses nothing.

        True when the contact changed (and was queued for saving).
        """
        if self.contact is None or not self.contact.name:
            return False
        text = self.draft
        if text == self.contact.request_draft:
            return False
        self.contact = replace(self.contact, request_draft=text).touched(at=self.now())
        self.app.store.save("contact", self.contact.to_dict())
        return True

    def save(self) -> None:
        """Quitting from here keeps the draft, as leaving the screen does."""
        self.keep_draft()
