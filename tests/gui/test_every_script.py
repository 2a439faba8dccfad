"""A caseload named in every script shows in the window on a machine with no fonts of its
own: the window runs in a child process whose fontconfig knows no font at all, so only the
fonts GradMatch bundles (and registers with Qt at start) can draw the names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database
from tests.conftest import ROOT
from tests.unit.test_every_script import SCRIPTS

# Runs in the child: every student selected in turn, as a click would; for each, the text
# of its caseload row and of the profile form's name field, and the glyphs Qt lays them out
# with in those widgets' fonts (glyph 0 is the empty box a missing glyph shows as).
CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication
from gradmatch.services import students as student_service
from gradmatch.ui.application import configure_application
from gradmatch.ui.caseload_model import StudentColumn
from gradmatch.ui.main_window import MainWindow

def glyphs(text, font):
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [
        [run.rawFont().familyName(), list(run.glyphIndexes())] for run in layout.glyphRuns()
    ]

app = QApplication(sys.argv[:1])
configure_application(app)
window = MainWindow(Path(sys.argv[1]))
window.resize(1400, 800)
window.show()
window.open_database()
page = window.caseload_page
shown = {}
for code, name in json.loads(sys.argv[2]):
    student = student_service.find_student(window.db, code)
    assert page.select_student(student.id)
    for _ in range(3):
        app.processEvents()
    row = page.model.row_of(student.id)
    listed = page.model.index(row, StudentColumn.NAME).data(Qt.ItemDataRole.DisplayRole)
    field = page.editor.form.full_name
    shown[name] = {
        "list": listed,
        "list_glyphs": glyphs(listed, page.table.font()),
        "form": field.text(),
        "form_glyphs": glyphs(field.text(), field.font()),
    }
    if len(sys.argv) > 3:
        window.grab().save(str(Path(sys.argv[3]) / f"window-{code}.png"))
window.close()
print(json.dumps(shown))
"""

NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def test_a_name_in_any_script_shows_in_the_caseload_and_the_profile_form(
    db_path: Path, tmp_path: Path
) -> None:
    db = open_database(db_path)
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    data = student_service.find_student(db, "DEMO-001").profile.model_dump()
    names = [name for name, _note in SCRIPTS.values()]
    codes = [f"SCRIPT-{script.upper()}" for script in SCRIPTS]
    for code, name in zip(codes, names, strict=True):
        data.update(full_name=name, student_id=code, email=f"{code.lower()}@example.org")
        student_service.save_student(db, StudentProfile.model_validate(data, context=STORED))
    db.close()
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS.format(cache=tmp_path / "font-cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("FONTCONFIG_PATH", None)
    pictures = os.environ.get("GRADMATCH_SCRIPT_PICTURES")  # a folder: keep the grabs to look at
    students = json.dumps(list(zip(codes, names, strict=True)))
    args = [sys.executable, "-c", CHILD, str(db_path), students]
    if pictures:
        args.append(pictures)
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.splitlines()[-1])
    for name in names:
        assert shown[name]["list"] == name
        assert shown[name]["form"] == name
        for where in ("list_glyphs", "form_glyphs"):
            runs = shown[name][where]
            assert runs, (name, where)
            for family, glyph_ids in runs:
                assert 0 not in glyph_ids, (name, where, family)
