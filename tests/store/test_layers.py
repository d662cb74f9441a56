"""Below the app, nothing pulls in the terminal UI: core, store, io and services import without
Textual (as `lint-imports` checks statically, this checks what really gets loaded)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import coach.core, coach.io, coach.services, coach.store
for package in (coach.core, coach.store, coach.io, coach.services):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_core_store_io_and_services_import_without_textual() -> None:
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
