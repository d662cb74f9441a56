"""Reading a vCard whose card carries a 5 MB folded photo, target under 1 s.

Run: ``python -m bench.vcard_bench [--megabytes N] [--runs N]``. Address books export photos
inline, base64 and folded every 75 octets; joining those lines must cost what the file weighs,
not its square. Times ``read_vcards`` over the bytes, as ``coach contacts import`` calls it.
Exits 1 when the median misses the target.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import time

from coach.io.content_lines import CRLF, fold
from coach.io.vcard import read_vcards

TARGET_SECONDS = 1.0


def card_with_photo(megabytes: float) -> bytes:
    """One vCard 3.0 card, a name, an email and a photo of about ``megabytes`` of base64."""
    raw = bytes(range(256)) * int(megabytes * 1024 * 1024 * 3 / 4 / 256)
    photo = base64.b64encode(raw).decode()
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Zoë O'Neil",
        "PHOTO;ENCODING=b;TYPE=JPEG:" + photo,
        "EMAIL:zoe@cafe.example",
        "END:VCARD",
    ]
    return "".join(fold(line) + CRLF for line in lines).encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = card_with_photo(args.megabytes)
    times: list[float] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        read = read_vcards(data, "photo.vcf")
        times.append(time.perf_counter() - start)
    [incoming] = read.incoming
    assert incoming.contact.name == "Zoë O'Neil"
    median = statistics.median(times)
    print(
        f"vcard with a {len(data) / 1024 / 1024:.1f} MB folded photo: median "
        f"{median * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms; target "
        f"{TARGET_SECONDS:.0f} s"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
