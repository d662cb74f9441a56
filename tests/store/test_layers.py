"""The core and the store never pull in the terminal UI."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import coach.core, coach.store
for package in (coach.core, coach.store):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(",".join(loaded))
"""


def test_core_and_store_import_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"textual was imported: {result.stdout.strip()}"


CORE_PROBE = """
import importlib, pkgutil, sys
import coach.core
for module in pkgutil.walk_packages(coach.core.__path__, "coach.core."):
    importlib.import_module(module.name)
roots = {m.split(".")[0] for m in sys.modules}
print(",".join(sorted(roots & {"textual", "rich", "click", "tinydb", "filelock"})))
print(",".join(sorted(m for m in sys.modules if m.startswith(("coach.store", "coach.tui")))))
"""


def test_the_domain_imports_no_ui_no_command_line_and_no_storage() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CORE_PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    frameworks, layers = result.stdout.split("\n")[:2]
    assert frameworks == "", f"coach.core imported {frameworks}"
    assert layers == "", f"coach.core imported {layers}"
