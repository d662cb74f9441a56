"""The README's TinyDB example runs as printed against a real data folder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from coach.store.db import Store
from coach.store.paths import DataPaths

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_tinydb_example_reads_back_what_coach_stored(data_paths: DataPaths) -> None:
    block = re.search(r"<!-- tinydb-example -->\n```python\n(.*?)```", README.read_text(), re.S)
    assert block is not None, "the README shows a TinyDB example"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 3  # short enough to copy
    with Store.open(data_paths) as store:
        wanted = {"id": "iv1", "contact_name": "Dana Whitfield", "contact_org": "Riverside Health"}
        store.save("interview", wanted)
        store.save("interview", {"id": "iv2", "contact_org": "Elsewhere"})
        store.sync()
        # Read while coach still has the folder open, as the README says one may.
        script = block.group(1).replace("/path/to/coach.json", str(data_paths.db))
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([wanted])
