"""The student edition's walk-through: your profile → your matches → your shortlist → send
your profile, one short step each, pointing at the real control.

A small card in a corner of the page (one that leaves the control in view) says what the
step is about, with Back, Next and Skip; the page of the step is shown, its control is
outlined and, where it takes the keyboard, given the focus. Nothing is modal: the window
works as usual while the card is up, and Esc or Skip ends it. It opens by itself on the
first start of the student edition (remembered in the window's settings) and again from
Help ▸ Show the walk-through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gradmatch.ui.palette import ACCENT, CARD, background, muted_style

if TYPE_CHECKING:
    from gradmatch.ui.main_window import MainWindow

SEEN_KEY = "main_window/walkthrough_seen"


def _file_menu(window: MainWindow) -> tuple[QWidget, QRect]:
    """The File menu's title in the menu bar (where "Send my profile…" is)."""
    bar = window.menuBar()
    return bar, bar.actionGeometry(bar.actions()[0])


def _profile_name(window: MainWindow) -> QWidget:
    assert window.my_profile is not None
    return window.my_profile.form.full_name


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    page: int  # the tab the step shows
    target: Callable[[MainWindow], QWidget | tuple[QWidget, QRect]]  # what it points at


STEPS = (
    Step(
        "Your profile",
        "Start here: your studies, test scores, the prerequisites you have completed, your "
        "budget and what you are looking for. Save with Ctrl+S: your matches follow each save.",
        0,
        _profile_name,
    ),
    Step(
        "Your matches",
        "Every program of the catalog, best first, in four buckets: ready, ready after "
        "bridging, a stretch, not a fit. Select a program to read why, what it would cost you "
        "and what you still need to learn.",
        1,
        lambda window: window.matches_page.table,
    ),
    Step(
        "Your shortlist",
        "Keep the programs you like with \u201cAdd to shortlist\u2026\u201d (select one first). "
        "File \u25b8 Export my shortlist\u2026 (Ctrl+P) makes a PDF of them to take home.",
        1,
        lambda window: window.matches_page.shortlist_button,
    ),
    Step(
        "Send your profile",
        "When your profile is ready, File \u25b8 Send my profile to my counselor\u2026 "
        "(Ctrl+Shift+E) writes it to a file for you to email to your counselor.",
        0,
        _file_menu,
    ),
)


class Walkthrough(QFrame):
    """The card; :func:`start` makes one (a window has at most one)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.index = 0
        self.setObjectName("walkthrough")
        self.setAccessibleName("Walk-through")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#walkthrough {{ background: {background(CARD)}; border: 2px solid {ACCENT};"
            " border-radius: 6px; }"
        )
        self.setFixedWidth(360)
        self.counter = QLabel()
        self.counter.setObjectName("walkthroughStep")
        self.counter.setStyleSheet(muted_style())
        self.title = QLabel()
        self.title.setObjectName("walkthroughTitle")
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.text = QLabel()
        self.text.setObjectName("walkthroughText")
        self.text.setWordWrap(True)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setObjectName("walkthroughSkip")
        self.skip_button.setToolTip("End the walk-through (Esc); Help \u25b8 Show the walk-through")
        self.back_button = QPushButton("Back")
        self.back_button.setObjectName("walkthroughBack")
        self.next_button = QPushButton("Next")
        self.next_button.setObjectName("walkthroughNext")
        for button in (self.skip_button, self.back_button, self.next_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        # The outline around the control of the step: drawn over the window, never in the
        # way of a click.
        self.outline = QFrame(window)
        self.outline.setObjectName("walkthroughOutline")
        self.outline.setStyleSheet(
            "#walkthroughOutline { border: 3px solid " + ACCENT + "; border-radius: 5px;"
            " background: transparent; }"
        )
        self.outline.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.skip_button.clicked.connect(self.finish)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self.next)
        # Esc ends it from anywhere in the window, while the card is up.
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.finish)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        window.installEventFilter(self)
        window.tabs.currentChanged.connect(self._place)

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    def go(self, index: int) -> None:
        """Show step ``index``: its page, its words, its control outlined and focused."""
        self.index = max(0, min(index, len(STEPS) - 1))
        step = self.step
        window = self.window_
        window.tabs.setCurrentIndex(step.page)
        self.counter.setText(f"Step {self.index + 1} of {len(STEPS)}")
        self.title.setText(step.title)
        self.text.setText(step.text)
        self.setAccessibleDescription(f"{step.title}: {step.text}")
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText("Done" if self.index == len(STEPS) - 1 else "Next")
        target = step.target(window)
        if isinstance(target, QWidget) and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show()
        self._place()

    def next(self) -> None:
        if self.index == len(STEPS) - 1:
            self.finish()
        else:
            self.go(self.index + 1)

    def target_rect(self) -> QRect | None:
        """Where the step's control is, in the window's coordinates (None: not on screen)."""
        target = self.step.target(self.window_)
        widget, rect = target if isinstance(target, tuple) else (target, target.rect())
        if not widget.isVisible():
            return None
        return QRect(widget.mapTo(self.window_, rect.topLeft()), rect.size())

    def _place(self, *_args: object) -> None:
        """The outline around the control; the card in a corner that leaves it in view."""
        window = self.window_
        target = self.target_rect()
        if target is None:
            self.outline.hide()
        else:
            self.outline.setGeometry(target.adjusted(-4, -4, 4, 4))
            self.outline.show()
            self.outline.raise_()
        # A wrapped text's height depends on the width: asked of the layout for this width.
        height = self.heightForWidth(self.width())
        self.setFixedHeight(height if height > 0 else self.sizeHint().height())
        # The page's corners, right ones first (the left holds the lists and the form's
        # labels): the first that leaves the control in view.
        page = window.tabs.currentWidget() or window.stack
        area = QRect(page.mapTo(window, QPoint(0, 0)), page.size()).adjusted(16, 16, -16, -16)
        size = self.size()
        corners = [
            QRect(QPoint(area.right() - size.width(), area.top()), size),
            QRect(QPoint(area.right() - size.width(), area.bottom() - size.height()), size),
            QRect(area.topLeft(), size),
            QRect(QPoint(area.left(), area.bottom() - size.height()), size),
        ]
        free = [c for c in corners if target is None or not c.intersects(target)]
        self.move((free or corners)[0].topLeft())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window_ and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def finish(self) -> None:
        """End the walk-through: the card and the outline go, the window is as it was."""
        window = self.window_
        window.removeEventFilter(self)
        window.tabs.currentChanged.disconnect(self._place)
        if window.walkthrough is self:
            window.walkthrough = None
        self.outline.hide()
        self.hide()
        self.outline.deleteLater()
        self.deleteLater()


def start(window: MainWindow) -> Walkthrough:
    """Show the walk-through from its first step (the one already up, if any)."""
    card = window.walkthrough
    if card is None:
        card = window.walkthrough = Walkthrough(window)
    card.go(0)
    return card


def first_run(window: MainWindow) -> None:
    """On the student edition's first start: the walk-through, once (remembered in the
    window's settings as soon as it is shown)."""
    from gradmatch.ui.main_window import private_settings

    settings = private_settings()
    if settings.value(SEEN_KEY, False, type=bool):
        return
    settings.setValue(SEEN_KEY, True)
    settings.sync()
    start(window)
