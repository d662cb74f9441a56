"""Career paths for the command line and the app: create, rename, write the verdict; keep each
path's open questions in step with the debriefs; what Prepare can take up from earlier
conversations on the same path."""

from __future__ import annotations

from typing import Any

from coach.core import open_questions as questions
from coach.core.clock import Clock, iso
from coach.core.interview import Interview
from coach.core.open_questions import EarlierPreparation
from coach.core.path_summary import PathSummary, summarise
from coach.core.paths import CareerPath, OpenQuestion, by_title, new_path, path_of
from coach.core.paths import last_used_path as _last_used
from coach.core.purpose import purpose_line
from coach.store.db import Kind, Store


class PathGone(LookupError):
    """The path is no longer there (removed meanwhile, or on another device)."""


def all_paths(store: Store) -> list[CareerPath]:
    """Every path, by title."""
    return by_title(CareerPath.from_dict(doc) for doc in store.all("path"))


def get_path(store: Store, path_id: str) -> CareerPath:
    """The path with this id; raises :class:`PathGone` when there is none."""
    doc = store.get("path", path_id)
    if doc is None:
        raise PathGone("That path is no longer there.")
    return CareerPath.from_dict(doc)


def create_path(store: Store, title: str, question: str = "", *, clock: Clock) -> CareerPath:
    """Make and save a new path; raises :class:`coach.core.paths.PathProblem` for an empty
    title."""
    path = new_path(title, question, now=iso(clock.now()))
    store.save("path", path.to_dict())
    return path


def rename_path(store: Store, path_id: str, title: str, *, clock: Clock) -> CareerPath:
    """Give a path a new title (raises PathProblem for an empty one)."""
    path = get_path(store, path_id)
    path.rename(title, iso(clock.now()))
    store.save("path", path.to_dict())
    return path


def write_verdict(store: Store, path_id: str, verdict: str, *, clock: Clock) -> CareerPath:
    """Set a path's verdict line (empty clears it)."""
    path = get_path(store, path_id)
    path.write_verdict(verdict, iso(clock.now()))
    store.save("path", path.to_dict())
    return path


def write_question(store: Store, path_id: str, question: str, *, clock: Clock) -> CareerPath:
    """Set the question a path tests (empty clears it)."""
    path = get_path(store, path_id)
    path.write_question(question, iso(clock.now()))
    store.save("path", path.to_dict())
    return path


def summaries(store: Store) -> list[PathSummary]:
    """Every path with where it stands (see :func:`coach.core.path_summary.summarise`)."""
    return summarise(all_paths(store), store.interview_summaries_view(), store.contacts())


def carry_forward(store: Store, interview: Interview, *, clock: Clock) -> list[CareerPath]:
    """Keep the open questions of every path in step with ``interview``'s debrief: its
    still-need lines on its own path, none left on any other (it may have moved). A practice
    run leaves none. Saves the paths that changed, as one change, and returns them."""
    now = iso(clock.now())
    home = None if interview.practice else path_of(interview)
    changed: list[CareerPath] = []
    for path in all_paths(store):
        if path.id == home:
            moved = questions.carry_forward(path, interview.id, interview.debrief.still_need, now)
        else:
            moved = questions.release(path, interview.id, now)
        if moved:
            changed.append(path)
    if changed:
        saves: list[tuple[Kind, dict[str, Any]]] = [("path", p.to_dict()) for p in changed]
        store.change(saves=saves)
    return changed


def released(store: Store, interview_id: str, now: str) -> list[CareerPath]:
    """The paths that held open questions ``interview_id`` left, without them (answered ones
    stay): for deleting the interview, to save in the same change. Nothing is saved here."""
    changed = []
    for path in all_paths(store):
        if questions.release(path, interview_id, now):
            changed.append(path)
    return changed


def mark_answered(
    store: Store, path_id: str, question_id: str, interview_id: str, *, clock: Clock
) -> OpenQuestion:
    """Record that ``interview_id`` answered one of the path's open questions."""
    path = get_path(store, path_id)
    answered = questions.mark_answered(path, question_id, interview_id, iso(clock.now()))
    store.save("path", path.to_dict())
    return answered


def _debriefed_path(store: Store, interview: Interview) -> CareerPath | None:
    """The path whose open questions a debrief of ``interview`` works on: None for a practice
    run, an interview on no path, or a path since deleted."""
    path_id = path_of(interview)
    if not path_id or interview.practice:
        return None
    try:
        return get_path(store, path_id)
    except PathGone:
        return None


def mark_noted_answered(store: Store, interview: Interview, *, clock: Clock) -> list[OpenQuestion]:
    """Mark answered the open questions carried into ``interview``'s plan that got notes in
    the call (see :func:`coach.core.open_questions.answered_in`): the Debrief's first
    suggestion, which the person can take back. Returns them."""
    path = _debriefed_path(store, interview)
    if path is None:
        return []
    noted = questions.answered_in(path, interview)
    now = iso(clock.now())
    for question in noted:
        questions.mark_answered(path, question.id, interview.id, now)
    if noted:
        store.save("path", path.to_dict())
    return noted


def answerable(store: Store, interview: Interview) -> list[OpenQuestion]:
    """The open questions a debrief can mark answered: those still open on the interview's
    path from other conversations, and those it answered itself, oldest first."""
    path = _debriefed_path(store, interview)
    if path is None:
        return []
    found: dict[str, OpenQuestion] = {}  # each wording once, as Prepare offers them
    for question in path.open_questions:
        mine = question.answered_by == interview.id
        if mine or (question.is_open and question.from_interview != interview.id):
            found.setdefault(" ".join(question.text.casefold().split()), question)
    return list(found.values())


def reopen(store: Store, path_id: str, question_id: str, *, clock: Clock) -> OpenQuestion:
    """Open an answered question again."""
    path = get_path(store, path_id)
    opened = questions.reopen(path, question_id, iso(clock.now()))
    store.save("path", path.to_dict())
    return opened


def open_questions_for(
    store: Store, path_id: str | None, *, besides: str | None = None
) -> list[OpenQuestion]:
    """The open questions Prepare offers for an interview on ``path_id`` (none without a
    path, or when the path is gone); ``besides`` is that interview."""
    if not path_id:
        return []
    try:
        path = get_path(store, path_id)
    except PathGone:
        return []
    return questions.open_questions(path, besides=besides)


def last_used_path(store: Store) -> str | None:
    """The path Prepare offers first: the one the latest interview was on (None: none)."""
    known = [str(doc.get("id")) for doc in store.all("path")]
    return _last_used(store.interview_summaries_view(), known)


def earlier_preparation(
    store: Store, path_id: str | None, *, besides: str | None = None
) -> EarlierPreparation | None:
    """Goals and introduction of the last preparation on the same path, to take up again."""
    if not path_id:
        return None
    return questions.last_preparation(store.interview_summaries_view(), path_id, besides=besides)


def title_of(store: Store, path_id: str | None) -> str:
    """The title of a path, or ``""`` without one (none given, or gone meanwhile)."""
    if not path_id:
        return ""
    doc = store.get("path", path_id)
    return CareerPath.from_dict(doc).title if doc is not None else ""


def purpose_for(store: Store, interview: Interview) -> str:
    """The one line the opening cue carries: why this conversation was asked for (see
    :func:`coach.core.purpose.purpose_line`); ``""`` when nothing says."""
    path_id = path_of(interview)
    doc = store.get("path", path_id) if path_id else None
    path = CareerPath.from_dict(doc) if doc is not None else None
    return purpose_line(interview.goals, path.question if path else "", path.title if path else "")
