"""The user guide, inside the app and offline: F1 and Help ▸ User guide.

Two guides ship as Markdown in ``resources/help/``: ``counselor.md`` and, for the student
edition, ``student.md``. Where a guide names something the code defines — a bucket's label,
meaning and score band, the two cost labels, the match weights, the menus' keys, where the
database is — it writes a placeholder (``{{total_label}}``) that is filled in from the code
each time the guide is opened, so the guide cannot say something else than the window.

F1 opens the guide at the section of what has the focus (:func:`topic_at`; a dialog's own
F1 through :func:`add_help_key`); links ``help:TOPIC`` in the window's rich text open it at
a topic. Links inside a guide go from section to section; nothing opens a web browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel
from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gradmatch import APP_NAME, locations
from gradmatch.domain.costs import (
    TO_STUDENT_LABEL,
    TO_STUDENT_MEANING,
    TOTAL_LABEL,
    TOTAL_MEANING,
    CostDefaults,
)
from gradmatch.domain.exchange import SUFFIX
from gradmatch.domain.fields import NOT_ANSWERED
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, score_explained
from gradmatch.domain.money import format_dollars
from gradmatch.domain.profile import Status, Subject
from gradmatch.domain.shortlist_report import BEST_MATCHES_LIMIT
from gradmatch.domain.voice import COUNSELOR, STUDENT, Voice
from gradmatch.services.backups import REASONS
from gradmatch.ui.empty_state import clear_on_escape
from gradmatch.ui.palette import NOT_FOUND, background, muted_style
from gradmatch.ui.screens import fit_size

if TYPE_CHECKING:
    from gradmatch.ui.main_window import MainWindow

HELP_SCHEME = "help"  # <a href="help:buckets">: the guide at a topic


class Topic(StrEnum):
    """What F1 or a "What is this?" link asks about; each guide places it at a heading."""

    GUIDE = "guide"  # the beginning
    CASELOAD = "caseload"
    PROFILE = "profile"
    MEETING_LOG = "meeting-log"
    MATCHES = "matches"
    BUCKETS = "buckets"
    SCORE = "score"
    COSTS = "costs"
    COMPARE = "compare"
    SHORTLIST = "shortlist"
    CATALOG = "catalog"
    ROSTER = "roster"
    SETTINGS = "settings"
    BACKUPS = "backups"
    DATA = "data"
    SHORTCUTS = "shortcuts"


@dataclass(frozen=True)
class Guide:
    """One edition's guide: its file, its window title, the heading (its anchor, see
    :func:`slug`) each topic opens at (a topic it does not cover opens at the beginning),
    and whom it speaks to: the words filled in from the code are those of the edition's
    window (the student's has no Settings menu to point to)."""

    file: str
    title: str
    sections: dict[Topic, str]
    voice: Voice = COUNSELOR

    def anchor(self, topic: Topic) -> str:
        return self.sections.get(topic, "")


COUNSELOR_GUIDE = Guide(
    "counselor.md",
    "User guide",
    {
        Topic.CASELOAD: "caseload",
        Topic.PROFILE: "profile",
        Topic.MEETING_LOG: "meeting-log",
        Topic.MATCHES: "matches",
        Topic.BUCKETS: "buckets",
        Topic.SCORE: "score",
        Topic.COSTS: "costs",
        Topic.COMPARE: "comparing-programs",
        Topic.SHORTLIST: "shortlist-and-pdf",
        Topic.CATALOG: "program-catalog",
        Topic.ROSTER: "roster-import",
        Topic.SETTINGS: "settings",
        Topic.BACKUPS: "backups-and-restore",
        Topic.DATA: "where-your-data-is",
        Topic.SHORTCUTS: "keyboard-shortcuts",
    },
)
STUDENT_GUIDE = Guide(
    "student.md",
    "Guide for students",
    {
        Topic.PROFILE: "my-profile",
        Topic.MATCHES: "my-matches",
        Topic.BUCKETS: "buckets",
        Topic.SCORE: "score",
        Topic.COSTS: "costs",
        Topic.COMPARE: "comparing-programs",
        Topic.SHORTLIST: "my-shortlist",
        Topic.ROSTER: "sending-my-profile-to-my-counselor",
        Topic.CATALOG: "program-catalog",
        Topic.DATA: "where-your-data-is",
        Topic.BACKUPS: "where-your-data-is",
        Topic.SHORTCUTS: "keyboard-shortcuts",
    },
    STUDENT,
)


def guide_for(student: bool) -> Guide:
    return STUDENT_GUIDE if student else COUNSELOR_GUIDE


def guide_path(guide: Guide) -> Path:
    return locations.resources_dir() / "help" / guide.file


def help_link(topic: Topic) -> str:
    """The address of ``topic`` for a link in the window's rich text."""
    return f"{HELP_SCHEME}:{topic.value}"


# ---- the guide's text


def slug(heading: str) -> str:
    """A heading's anchor, as GitHub makes it (so the Markdown's links work there too):
    lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


_PLACEHOLDER = re.compile(r"\{\{\s*([\w.:-]+)\s*\}\}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _settings_table(model: BaseModel, what: str) -> str:
    """A settings model's fields as the dialog shows them: title, default, description."""

    def shown(value: object) -> str:
        return format_dollars(value) if isinstance(value, Decimal) else str(value)

    return _table(
        ("Setting", "Default", what),
        (
            (info.title or name, shown(getattr(model, name)), info.description or "")
            for name, info in type(model).model_fields.items()
        ),
    )


def facts(
    *,
    database: Path | None = None,
    shortcuts: Iterable[tuple[str, str]] = (),
    voice: Voice = COUNSELOR,
) -> dict[str, str]:
    """What the placeholders stand for: the code's own labels, figures and settings, in the
    words of ``voice``'s edition, and this window's database and keys."""
    values = {
        "app": APP_NAME,
        "total_label": TOTAL_LABEL,
        "total_meaning": TOTAL_MEANING,
        "to_student_label": TO_STUDENT_LABEL,
        "to_student_meaning": TO_STUDENT_MEANING,
        "score_explained": score_explained(voice),
        "not_answered": NOT_ANSWERED,
        "best_matches_limit": str(BEST_MATCHES_LIMIT),
        "buckets": _table(
            ("Bucket", "Score", "What it means"),
            ((f"**{b.label}**", b.score_range, b.meaning) for b in Bucket),
        ),
        "weights": _settings_table(MatchWeights(), "What it weighs"),
        "cost_defaults": _settings_table(CostDefaults(), "What it is"),
        "backup_reasons": "\n".join(f"- {reason}" for reason in REASONS.values()),
        "subject_count": str(len(Subject)),
        "statuses": ", ".join(status.label.lower() for status in Status),
        "profile_suffix": SUFFIX,
        "database": f"`{database}`" if database is not None else "the data folder",
        "roster_template": f"`{locations.resources_dir() / 'templates' / 'roster-template.csv'}`",
        "shortcuts": _table(("Keys", "Does"), ((keys, what) for what, keys in shortcuts)),
    }
    for bucket in Bucket:
        values[f"label:{bucket.value}"] = bucket.label
        values[f"band:{bucket.value}"] = bucket.score_range
        values[f"meaning:{bucket.value}"] = bucket.meaning
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every placeholder replaced; an unknown one is an error (a typo in a
    guide must not reach a reader as ``{{…}}``)."""

    def value(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in values:
            raise KeyError(f"the guide names an unknown placeholder {{{{{name}}}}}")
        return values[name]

    return _PLACEHOLDER.sub(value, text)


def plain(text: str) -> str:
    """A menu or button text as read: without its mnemonic's ``&``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def generic_text(action: QAction, stacks: Iterable[QUndoStack] = ()) -> str:
    """What ``action`` does in general, as read ("Undo"), never what it would do now: an
    undo stack's Undo and Redo name the change they would take back or make again ("Undo Add
    … to the shortlist of Zoë"), which is the stack's current undo or redo text after the
    action's own words."""
    text = action.text()
    for stack in stacks:
        for now in (stack.undoText(), stack.redoText()):
            if now and text.endswith(f" {now}"):
                return plain(text.removesuffix(f" {now}"))
    return plain(text)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """Every menu command with keys, in the menus' order: ("File ▸ Quit", "Ctrl+Q"), each by
    its generic name ("Edit ▸ Undo", whatever change it would take back now)."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    owner = menu_bar.parent()
    stacks = owner.findChildren(QUndoStack) if owner is not None else []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            name = f"{path} ▸ {generic_text(action, stacks)}"
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, name)
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and id(action) not in seen:
                seen.add(id(action))
                rows.append((name, keys))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            walk(menu, plain(top.text()))
    return rows


# ---- the window


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    anchor: str
    block: int  # the heading's block number in the document


class _GuideText(QTextBrowser):
    """The guide's text, whose own Back and Forward (Alt+Left and Alt+Right in the text, the
    mouse's side buttons) are the guide window's: a QTextBrowser's history knows only pages,
    and the guide is one page."""

    def __init__(self, back: Callable[[], None], forward: Callable[[], None]) -> None:
        super().__init__()
        self._back = back
        self._forward = forward

    def backward(self) -> None:
        self._back()

    def forward(self) -> None:
        self._forward()


class HelpWindow(QWidget):
    """The guide: its contents on the left, the text on the right, Find (Ctrl+F) above,
    Back and Forward (Alt+Left, Alt+Right) between the places a link or the contents led."""

    def __init__(
        self,
        guide: Guide,
        parent: QWidget | None = None,
        *,
        database: Path | None = None,
        shortcuts: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.guide = guide
        self.setObjectName("helpWindow")
        self.setWindowTitle(f"{APP_NAME} — {guide.title}")
        fit_size(self, 1000, 720)
        self.sections: list[Section] = []
        self._back: list[int] = []
        self._forward: list[int] = []

        self.browser = _GuideText(self.back, self.forward)
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(guide.title)
        self.browser.setAccessibleDescription("The guide's text; links go to other sections")
        self.browser.setOpenLinks(False)  # offline: links move inside the guide, nowhere else
        self.browser.anchorClicked.connect(self._follow)
        self.contents = QTreeWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName("Contents")
        self.contents.setAccessibleDescription("The guide's sections: choose one to read it")
        self.contents.itemActivated.connect(self._chosen)
        self.contents.itemClicked.connect(self._chosen)

        self.find_field = QLineEdit()
        self.find_field.setObjectName("helpFind")
        self.find_field.setPlaceholderText("Find in the guide…  (Ctrl+F)")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setAccessibleName("Find in the guide")
        self.find_field.setAccessibleDescription("Enter: next match; Shift+Enter: previous")
        clear_on_escape(self.find_field)
        self.find_field.returnPressed.connect(lambda: self.find_text())
        self.find_field.textEdited.connect(lambda _text: self.find_text(again=False))
        self.find_status = QLabel()
        self.find_status.setObjectName("helpFindStatus")
        self.find_status.setStyleSheet(muted_style())
        self.previous_button = QPushButton("Previous")
        self.previous_button.setToolTip("The previous match (Shift+F3)")
        self.previous_button.clicked.connect(lambda: self.find_text(backward=True))
        self.next_button = QPushButton("Next")
        self.next_button.setToolTip("The next match (F3)")
        self.next_button.clicked.connect(lambda: self.find_text())
        self.back_button = QPushButton("◀ Back")
        self.back_button.setObjectName("helpBack")
        self.back_button.setToolTip("Back to where you were (Alt+Left)")
        self.back_button.clicked.connect(self.back)
        self.forward_button = QPushButton("Forward ▶")
        self.forward_button.setObjectName("helpForward")
        self.forward_button.setToolTip("Forward again (Alt+Right)")
        self.forward_button.clicked.connect(self.forward)
        for button, description in (
            (self.previous_button, "Find the previous match"),
            (self.next_button, "Find the next match"),
            (self.back_button, "Go back to where you were"),
            (self.forward_button, "Go forward again"),
        ):
            button.setAccessibleDescription(description)
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.forward_button)
        top.addSpacing(12)
        top.addWidget(self.find_field, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.find_status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([250, 750])
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("helpClose")
        self.close_button.setToolTip("Close the guide (Esc, Ctrl+W)")
        self.close_button.setAccessibleDescription("Close the guide")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        keys: list[tuple[QKeySequence.StandardKey, Callable[[], object]]] = [
            (QKeySequence.StandardKey.Find, self.focus_find),
            (QKeySequence.StandardKey.FindNext, self.find_text),
            (QKeySequence.StandardKey.FindPrevious, lambda: self.find_text(backward=True)),
            (QKeySequence.StandardKey.Back, self.back),
            (QKeySequence.StandardKey.Forward, self.forward),
        ]
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, slot)
        # Ctrl+W closes it, as it closes a document's window (and the system's own Close key).
        closing = [
            QKeySequence("Ctrl+W"),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Close),
        ]
        for sequence in dict.fromkeys(closing):
            QShortcut(sequence, self, self.close)
        previous = QShortcut(QKeySequence("Shift+Return"), self.find_field)
        previous.setContext(Qt.ShortcutContext.WidgetShortcut)
        previous.activated.connect(lambda: self.find_text(backward=True))
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)

        self.load(database=database, shortcuts=shortcuts)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Esc closes the guide (in the find field, Esc first empties it)."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.close()
            return
        super().keyPressEvent(event)

    # ---- the text

    def load(
        self, *, database: Path | None = None, shortcuts: Iterable[tuple[str, str]] = ()
    ) -> None:
        path = guide_path(self.guide)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            text = (
                f"# {self.guide.title}\n\nThe guide is missing from this installation "
                f"(`{path}`: {error.strerror or error}). Reinstall {APP_NAME} to get it back."
            )
        text = fill(text, facts(database=database, shortcuts=shortcuts, voice=self.guide.voice))
        document = self.browser.document()
        document.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        self.sections = _anchor_headings(document)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)  # and the view: the top
        self._back.clear()
        self._forward.clear()
        self._update_history_buttons()
        self._fill_contents()

    def _fill_contents(self) -> None:
        self.contents.clear()
        parent: QTreeWidgetItem | None = None
        for section in self.sections:
            item = QTreeWidgetItem([section.title])
            item.setData(0, Qt.ItemDataRole.UserRole, section.anchor)
            if section.level <= 2 or parent is None:
                self.contents.addTopLevelItem(item)
                parent = item
            else:
                parent.addChild(item)
        self.contents.expandAll()

    def anchors(self) -> list[str]:
        return [section.anchor for section in self.sections]

    # ---- going places

    def show_topic(self, topic: Topic) -> None:
        self.go_to(self.guide.anchor(topic))

    def go_to(self, anchor: str) -> None:
        """Scroll to the heading ``anchor`` (the beginning for ""); Back returns from there."""
        bar = self.browser.verticalScrollBar()
        before = bar.value()
        if anchor and anchor in self.anchors():
            self.browser.scrollToAnchor(anchor)
        else:
            bar.setValue(0)
        if bar.value() != before:
            self._back.append(before)
            self._forward.clear()
        self._update_history_buttons()
        self._select_section(anchor or self.section_shown())

    def back(self) -> None:
        if self._back:
            bar = self.browser.verticalScrollBar()
            self._forward.append(bar.value())
            bar.setValue(self._back.pop())
        self._update_history_buttons()

    def forward(self) -> None:
        if self._forward:
            bar = self.browser.verticalScrollBar()
            self._back.append(bar.value())
            bar.setValue(self._forward.pop())
        self._update_history_buttons()

    def _update_history_buttons(self) -> None:
        self.back_button.setEnabled(bool(self._back))
        self.forward_button.setEnabled(bool(self._forward))

    def _follow(self, url: QUrl) -> None:
        """A link: to another heading of this guide, or ``help:TOPIC``; nothing else (no
        link leaves the guide)."""
        if url.scheme() == HELP_SCHEME:
            self.show_topic(_topic(url.path()))
        elif not url.scheme() and not url.path() and url.fragment():
            self.go_to(url.fragment())

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.go_to(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def section_shown(self) -> str:
        """The anchor of the section being read: the last heading at or above the top of the
        text (or, when the text cannot scroll that far, the last one fully in view)."""
        layout = self.browser.document().documentLayout()
        top = self.browser.verticalScrollBar().value() + self.browser.document().documentMargin()
        bottom = top + self.browser.viewport().height()
        at_end = top >= self.browser.verticalScrollBar().maximum() and top > 0
        shown = ""
        for section in self.sections:
            block = self.browser.document().findBlockByNumber(section.block)
            rect = layout.blockBoundingRect(block)
            if rect.top() <= top + 2 or (at_end and rect.bottom() <= bottom):
                shown = section.anchor
        return shown

    def section_of(self, block: int) -> str:
        """The anchor of the section block number ``block`` is in."""
        return next((s.anchor for s in reversed(self.sections) if s.block <= block), "")

    def _scrolled(self, _value: int) -> None:
        self._select_section(self.section_shown())

    def _select_section(self, anchor: str) -> None:
        found = self.contents.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        )
        for item in found:
            if item.data(0, Qt.ItemDataRole.UserRole) == anchor:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
                self.contents.scrollToItem(item)
                return

    def current_section(self) -> str:
        """The section the contents list has selected."""
        item = self.contents.currentItem()
        return "" if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))

    # ---- find

    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def find_text(self, *, backward: bool = False, again: bool = True) -> bool:
        """Select the next match of the find field's text (from the top again past the last
        one); ``again=False``: as typed, from where the current match begins."""
        text = self.find_field.text()
        cursor = self.browser.textCursor()
        if not text:
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            self.find_status.setText("")
            return False
        if not again:
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # round again, from the other end
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        if found:  # the contents follow the match, wherever it is in view
            self._select_section(self.section_of(self.browser.textCursor().blockNumber()))
        self.find_status.setText("" if found else "Not found")
        self.find_field.setStyleSheet("" if found else f"background: {background(NOT_FOUND)};")
        return found


def _topic(name: str) -> Topic:
    try:
        return Topic(name)
    except ValueError:
        return Topic.GUIDE


def _anchor_headings(document: QTextDocument) -> list[Section]:
    """Give every heading of ``document`` its anchor (Qt's Markdown reader gives none, so a
    link to ``#matches`` would go nowhere) and list them."""
    sections: list[Section] = []
    taken: dict[str, int] = {}
    block: QTextBlock = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            title = block.text().strip()
            anchor = slug(title)
            if anchor in taken:  # as GitHub does: the second "Costs" is costs-1
                taken[anchor] += 1
                anchor = f"{anchor}-{taken[anchor]}"
            else:
                taken[anchor] = 0
            cursor = QTextCursor(block)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            mark = QTextCharFormat()
            mark.setAnchor(True)
            mark.setAnchorNames([anchor])
            cursor.mergeCharFormat(mark)
            spacing = QTextBlockFormat()  # Qt's Markdown headings touch the text above
            spacing.setTopMargin({1: 0, 2: 18}.get(level, 12))
            spacing.setBottomMargin(4)
            cursor.mergeBlockFormat(spacing)
            sections.append(Section(level, title, anchor, block.blockNumber()))
        block = block.next()
    return sections


# ---- opening the guide


def _main_window(widget: QWidget) -> MainWindow | None:
    from gradmatch.ui.main_window import MainWindow

    found: QObject | None = widget
    while found is not None:
        if isinstance(found, MainWindow):
            return found
        found = found.parent()
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return windows[0] if len(windows) == 1 else None


def show_guide(parent: QWidget, topic: Topic = Topic.GUIDE) -> HelpWindow:
    """The guide of this window's edition, open at ``topic``. One guide window per window;
    from a modal dialog, one of the dialog's own (a window of the main window would be
    blocked by the dialog)."""
    window = _main_window(parent)
    student = window.student_mode if window is not None else locations.student_mode_default()
    owner = QApplication.activeModalWidget() or (window if window is not None else parent)
    guide = owner.findChild(HelpWindow, "helpWindow", Qt.FindChildOption.FindDirectChildrenOnly)
    database = window.db_path.resolve() if window is not None else None
    shortcuts = menu_shortcuts(window.menuBar()) if window is not None else []
    if guide is None:
        guide = HelpWindow(guide_for(student), owner, database=database, shortcuts=shortcuts)
    elif not guide.isVisible():  # closed since: as things are now (another database file…)
        guide.load(database=database, shortcuts=shortcuts)
    if guide.isVisible():
        guide.raise_()  # from behind the window; a window just shown is on top already
    guide.show()
    guide.activateWindow()
    guide.browser.setFocus()  # the keys scroll the text (Page Down…)
    guide.show_topic(topic)
    return guide


def follow_help_links(browser: QTextBrowser) -> None:
    """``help:TOPIC`` links in ``browser`` (whose links open nothing by themselves) open the
    guide at that topic."""

    def follow(url: QUrl) -> None:
        if url.scheme() == HELP_SCHEME:
            show_guide(browser, _topic(url.path()))

    browser.anchorClicked.connect(follow)


def topic_at(window: MainWindow) -> Topic:
    """What F1 asks about in the main window: the part of the page that has the focus
    (the profile, the meeting log, the shortlist…), else the page shown."""
    if not window.pages_built:
        return Topic.GUIDE
    page = window.tabs.currentWidget()
    focus = QApplication.focusWidget()
    inside = focus if focus is not None and (focus is page or page.isAncestorOf(focus)) else page
    places: list[tuple[QWidget, Topic]] = []
    caseload = window.caseload_page
    if caseload is not None:
        details = caseload.details
        log_shown = details.currentWidget() is caseload.log_panel
        places += [
            (caseload.log_panel, Topic.MEETING_LOG),
            (caseload.editor, Topic.PROFILE),
            (details, Topic.MEETING_LOG if log_shown else Topic.PROFILE),
            (caseload, Topic.CASELOAD),
        ]
    if window.my_profile is not None:
        places.append((window.my_profile, Topic.PROFILE))
    matches = window.matches_page
    places += [
        (matches.shortlist, Topic.SHORTLIST),
        (matches.shortlist_button, Topic.SHORTLIST),
        (matches.up_button, Topic.SHORTLIST),
        (matches.down_button, Topic.SHORTLIST),
        (matches.remove_button, Topic.SHORTLIST),
        *([(matches.override_button, Topic.BUCKETS)] if matches.override_button else []),
        (matches.compare_button, Topic.COMPARE),
        (matches, Topic.MATCHES),
        (window.catalog_page, Topic.CATALOG),
    ]
    for widget, topic in places:
        if widget is inside or widget.isAncestorOf(inside):
            return topic
    return Topic.GUIDE


def dialog_topic(dialog: QDialog) -> Topic:
    """The section a dialog is explained in."""
    from gradmatch.ui.comparison import ComparisonDialog
    from gradmatch.ui.log_dialog import LogEntryDialog
    from gradmatch.ui.program_editor import ProgramEditor
    from gradmatch.ui.quality_dialog import QualityDialog
    from gradmatch.ui.restore_dialog import RestoreDialog
    from gradmatch.ui.roster_dialog import RosterPreviewDialog
    from gradmatch.ui.settings_dialog import ModelSettingsDialog

    topics: dict[type[QDialog], Topic] = {
        ComparisonDialog: Topic.COMPARE,
        LogEntryDialog: Topic.MEETING_LOG,
        ProgramEditor: Topic.CATALOG,
        QualityDialog: Topic.CATALOG,
        RestoreDialog: Topic.BACKUPS,
        RosterPreviewDialog: Topic.ROSTER,
        ModelSettingsDialog: Topic.SETTINGS,
    }
    return next((t for kind, t in topics.items() if isinstance(dialog, kind)), Topic.GUIDE)


def add_help_key(dialog: QDialog) -> None:
    """F1 in ``dialog`` opens the guide where the dialog is explained."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), dialog)
    shortcut.activated.connect(lambda: show_guide(dialog, dialog_topic(dialog)))
