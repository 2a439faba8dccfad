"""Help inside the app, offline: F1 and Help ▸ User guide open the guide of the edition at
the part in use; the guide says what the code says; every figure of the matches, the
catalog and the caseload explains itself where it is shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from gradmatch.domain.costs import TO_STUDENT_LABEL, TOTAL_LABEL
from gradmatch.domain.fields import NOT_ANSWERED
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import SCORE_BANDS, Bucket
from gradmatch.services import students as student_service
from gradmatch.ui import help as guide
from gradmatch.ui.application import configure_application
from gradmatch.ui.caseload_model import StudentColumn
from gradmatch.ui.catalog_model import Column
from gradmatch.ui.help import COUNSELOR_GUIDE, STUDENT_GUIDE, Guide, HelpWindow, Topic
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.matches_model import MatchColumn
from gradmatch.ui.restore_dialog import RestoreDialog
from gradmatch.ui.roster_dialog import RosterPreviewDialog
from gradmatch.ui.settings_dialog import SettingsDialog
from gradmatch.ui.widgets import run_modal
from tests.conftest import ROOT
from tests.gui.test_accessible import _unnamed
from tests.gui.windows import activate, matches_window, open_window

GUIDES = [COUNSELOR_GUIDE, STUDENT_GUIDE]
HELP = ROOT / "resources" / "help"


def _window(qtbot: QtBot, qapp: QApplication, path: Path, *, student: bool) -> MainWindow:
    if not student:
        return open_window(qtbot, qapp, path)
    configure_application(qapp)
    window = MainWindow(path, student_mode=True)
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    return window


def _shown_guide(window: QWidget) -> HelpWindow:
    found = [w for w in window.findChildren(HelpWindow) if w.isVisible()]
    assert len(found) == 1, "no guide window was opened"
    return found[0]


def _heading_in_view(help_window: HelpWindow, anchor: str) -> bool:
    """The heading ``anchor`` is on screen in the guide's text, as a reader would see it."""
    browser = help_window.browser
    section = next(s for s in help_window.sections if s.anchor == anchor)
    block = browser.document().findBlockByNumber(section.block)
    rect = browser.document().documentLayout().blockBoundingRect(block)
    top = browser.verticalScrollBar().value()
    return top <= rect.top() and rect.bottom() <= top + browser.viewport().height()


def _press_f1(qtbot: QtBot, qapp: QApplication, window: MainWindow, widget: QWidget) -> None:
    activate(qtbot, qapp, window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_F1)


# ---- F1: the guide at the page's section


def _counselor_places(window: MainWindow) -> list[tuple[str, Callable[[], QWidget]]]:
    def caseload() -> QWidget:
        window.tabs.setCurrentWidget(window.caseload_page)
        assert window.caseload_page is not None
        return window.caseload_page.table

    def profile() -> QWidget:
        page = window.caseload_page
        assert page is not None
        window.tabs.setCurrentWidget(page)
        return page.editor.form.full_name

    def meeting_log() -> QWidget:
        page = window.caseload_page
        assert page is not None
        window.tabs.setCurrentWidget(page)
        page.details.setCurrentWidget(page.log_panel)
        return page.log_panel.add_button

    def matches() -> QWidget:
        window.tabs.setCurrentWidget(window.matches_page)
        return window.matches_page.table

    def shortlist() -> QWidget:
        window.tabs.setCurrentWidget(window.matches_page)
        return window.matches_page.shortlist

    def catalog() -> QWidget:
        window.tabs.setCurrentWidget(window.catalog_page)
        return window.catalog_page.table

    return [
        ("caseload", caseload),
        ("profile", profile),
        ("meeting-log", meeting_log),
        ("matches", matches),
        ("shortlist-and-pdf", shortlist),
        ("program-catalog", catalog),
    ]


@pytest.mark.parametrize(
    "place", ["caseload", "profile", "meeting-log", "matches", "shortlist-and-pdf",
              "program-catalog"],
)  # fmt: skip
def test_f1_opens_the_guide_at_the_section_of_the_page_in_use(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, place: str
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    target = dict(_counselor_places(window))[place]()
    _press_f1(qtbot, qapp, window, target)
    shown = _shown_guide(window)
    assert shown.windowTitle() == "GradMatch — User guide"
    assert shown.current_section() == place  # the contents list says where the reader is
    assert _heading_in_view(shown, place)


@pytest.mark.parametrize(
    ("page", "section"), [(0, "my-profile"), (1, "my-matches"), (2, "program-catalog")]
)
def test_f1_in_the_student_edition_opens_the_students_guide_at_the_page(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, page: int, section: str
) -> None:
    window = _window(qtbot, qapp, demo_db, student=True)
    window.tabs.setCurrentIndex(page)
    widget = window.tabs.currentWidget()
    target = next(
        (w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
         and w.isVisibleTo(widget)),
        widget,
    )  # fmt: skip
    _press_f1(qtbot, qapp, window, target)
    shown = _shown_guide(window)
    assert shown.windowTitle() == "GradMatch — Guide for students"
    assert shown.current_section() == section
    assert _heading_in_view(shown, section)


@pytest.mark.parametrize("kind", ["settings", "backups-and-restore", "roster-import"])
def test_f1_in_a_dialog_opens_the_guide_where_the_dialog_is_explained(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    window = open_window(qtbot, qapp, demo_db)
    dialogs: dict[str, Callable[[], QDialog]] = {
        "settings": lambda: SettingsDialog(MatchWeights(), window),
        "backups-and-restore": lambda: RestoreDialog([], window),
        "roster-import": lambda: RosterPreviewDialog(
            student_service.preview_roster(ROOT / "resources" / "demo" / "students.csv"),
            "students.csv",
            window,
        ),
    }
    opened: list[str] = []

    def run(dialog: QDialog) -> int:  # what the user does in the dialog: press F1
        dialog.setModal(True)
        dialog.show()
        dialog.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: qapp.activeWindow() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_F1)
        shown = _shown_guide(dialog)  # a window of the dialog's: not blocked by it
        opened.append(shown.current_section())
        assert _heading_in_view(shown, kind)
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", run)
    run_modal(dialogs[kind]())  # as every dialog of the window is run
    assert opened == [kind]


def test_help_menu_holds_the_guide_and_about_in_both_editions(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    for student in (False, True):
        window = _window(qtbot, qapp, demo_db, student=student)
        help_menu = next(
            a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
        )
        assert isinstance(help_menu, QMenu)
        actions = {a.text().replace("&", ""): a for a in help_menu.actions() if a.text()}
        walkthrough = ["Show the walk-through"] if student else []  # the student's tour
        assert list(actions) == ["User guide", *walkthrough, "About GradMatch"]
        guide_action = actions["User guide"]
        assert guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
        guide_action.trigger()
        shown = _shown_guide(window)
        text = shown.browser.toPlainText()
        if student:
            assert shown.windowTitle() == "GradMatch — Guide for students"
            assert "Sending my profile to my counselor" in text
            assert "Meeting log" not in text  # counselor-only
        else:
            assert shown.windowTitle() == "GradMatch — User guide"
            assert "Meeting log" in text and "Sending my profile" not in text
        assert _unnamed(shown) == []  # every control of the guide is named for a screen reader
        window.close()


# ---- the guides' text


def _guide_window(qtbot: QtBot, guide_: Guide) -> HelpWindow:
    shown = HelpWindow(guide_)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _links(document: QTextDocument) -> list[str]:
    links = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor() and fragment.charFormat().anchorHref():
                links.append(fragment.charFormat().anchorHref())
            it += 1
        block = block.next()
    return links


@pytest.mark.parametrize("guide_", GUIDES, ids=lambda g: g.file)
def test_every_link_of_the_guide_goes_to_one_of_its_headings(qtbot: QtBot, guide_: Guide) -> None:
    shown = _guide_window(qtbot, guide_)
    anchors = shown.anchors()
    links = _links(shown.browser.document())
    assert len(links) >= 8
    broken = [link for link in links if link.removeprefix("#") not in anchors]
    assert broken == []
    # Every topic F1 or a "What is this?" link can ask for is a heading of this guide.
    assert [a for a in guide_.sections.values() if a not in anchors] == []
    # Following a link takes the reader there, and Back brings them back.
    shown.browser.anchorClicked.emit(QUrl(f"#{anchors[-1]}"))
    assert _heading_in_view(shown, anchors[-1])
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    shown.browser.setFocus()
    qtbot.waitUntil(shown.browser.hasFocus)
    qtbot.keyClick(shown.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert shown.browser.verticalScrollBar().value() == 0


@pytest.mark.parametrize("guide_", GUIDES, ids=lambda g: g.file)
def test_the_guide_names_the_buckets_bands_and_costs_as_the_code_does(
    qtbot: QtBot, guide_: Guide
) -> None:
    source = (HELP / guide_.file).read_text(encoding="utf-8")
    text = _guide_window(qtbot, guide_).browser.toPlainText()
    assert "{{" not in text
    lines = text.splitlines()
    for bucket in Bucket:
        low, width = SCORE_BANDS[bucket]
        # The table of buckets: its label, then its band, then what it means.
        at = lines.index(bucket.label)
        assert lines[at + 1 : at + 3] == [f"{low}–{low + width}", bucket.meaning]
        # Written from the code when shown, never retyped (a retyped band would drift).
        assert f"{low}–{low + width}" not in source
    for label in (TOTAL_LABEL, TO_STUDENT_LABEL, NOT_ANSWERED):
        assert label in text
        assert label not in source


@pytest.mark.parametrize("guide_", GUIDES, ids=lambda g: g.file)
def test_no_guide_links_to_the_web(qtbot: QtBot, guide_: Guide) -> None:
    source = (HELP / guide_.file).read_text(encoding="utf-8")
    assert re.findall(r"https?:|www\.|mailto:", source) == []
    shown = _guide_window(qtbot, guide_)
    assert [link for link in _links(shown.browser.document()) if not link.startswith("#")] == []
    assert not shown.browser.openExternalLinks() and not shown.browser.openLinks()


@pytest.mark.parametrize("student", [False, True])
def test_every_menu_the_guide_names_is_in_the_window(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, student: bool
) -> None:
    window = _window(qtbot, qapp, demo_db, student=student)
    menus: dict[str, set[str]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        menus[guide.plain(top.text())] = {guide.plain(a.text()) for a in menu.actions()}
    source = (HELP / guide.guide_for(student).file).read_text(encoding="utf-8")
    named = re.findall(r"\*\*([^*]+? ▸ [^*]+?)\*\*", source.replace("\n", " "))
    assert len(named) >= 4
    missing = [
        path for path in named
        if (parts := path.split(" ▸ "))[1] not in menus.get(parts[0], set())
    ]  # fmt: skip
    assert missing == []


def test_find_in_the_guide(qtbot: QtBot, qapp: QApplication) -> None:
    shown = _guide_window(qtbot, COUNSELOR_GUIDE)
    shown.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: qapp.activeWindow() is shown)
    qtbot.keyClick(shown.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert shown.find_field.hasFocus()
    qtbot.keyClicks(shown.find_field, "thinned out")
    qtbot.keyClick(shown.find_field, Qt.Key.Key_Return)
    assert shown.browser.textCursor().selectedText() == "thinned out"
    assert shown.current_section() == "backups-and-restore"
    qtbot.keyClicks(shown.find_field, "xyzzy")
    assert shown.find_status.text() == "Not found"


# ---- each figure explained where it is shown


def test_every_matches_header_and_bucket_cell_explains_itself(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    model = window.matches_page.model
    tip = Qt.ItemDataRole.ToolTipRole
    for column in MatchColumn:
        assert model.headerData(column, Qt.Orientation.Horizontal, tip), column.name
    seen = set()
    for row in range(model.rowCount()):
        bucket = next(
            b for b in Bucket if model.data(model.index(row, MatchColumn.BUCKET)) == b.label
        )
        seen.add(bucket)
        assert bucket.meaning in model.data(model.index(row, MatchColumn.BUCKET), tip)
        assert bucket.score_range in model.data(model.index(row, MatchColumn.SCORE), tip)
        assert model.data(model.index(row, MatchColumn.BUDGET), tip)
        for column in (MatchColumn.TOTAL, MatchColumn.TO_STUDENT):
            assert model.data(model.index(row, column), tip)
    assert len(seen) >= 2
    for column in Column:
        assert window.catalog_page.model.headerData(column, Qt.Orientation.Horizontal, tip)
    assert window.caseload_page is not None
    caseload = window.caseload_page.model
    for student_column in StudentColumn:
        assert caseload.headerData(student_column, Qt.Orientation.Horizontal, tip)
    readiness = caseload.data(caseload.index(0, StudentColumn.READINESS), tip)
    assert re.fullmatch(r"\d+ of \d+ prerequisite subjects completed", readiness)


def test_what_is_this_in_the_pane_opens_the_guide_at_the_buckets(
    qtbot: QtBot, qapp: QApplication, demo_db: Path
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    page.select_program(page.visible_ids()[0])
    detail = page.detail
    cursor = detail.document().find("What is this?")
    assert not cursor.isNull()
    assert cursor.charFormat().anchorHref() == guide.help_link(Topic.BUCKETS)
    # The bucket and the score say what they mean when hovered.
    badge = detail.document().find(Bucket.AFTER_BRIDGE.label)
    assert badge.charFormat().toolTip() == Bucket.AFTER_BRIDGE.meaning
    activate(qtbot, qapp, window)
    cursor.setPosition(cursor.selectionStart() + 2)
    point = detail.cursorRect(cursor).center()
    qtbot.mouseClick(detail.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    shown = _shown_guide(window)
    assert shown.current_section() == "buckets"
    assert _heading_in_view(shown, "buckets")
