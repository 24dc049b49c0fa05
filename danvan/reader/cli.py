"""`danvan extract FILE... [--out DIR] [--quiet]`: plan documents → JSON (GUIDE.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from danvan.reader import extract_path
from danvan.reader.errors import ReaderError


def _stderr_progress(name: str):
    def progress(done: int, total: int, message: str) -> None:
        print(f"{name}: {message} ({done}/{total})", file=sys.stderr, flush=True)

    return progress


def extract_command(files: list[str], out_dir: str | None = None, quiet: bool = False) -> int:
    """Extract each file; JSON to stdout for one file without --out, else DIR/NAME.json. Exit 0, or 2 on errors."""
    failed = 0
    to_stdout = out_dir is None and len(files) == 1
    target: Path | None = None
    if not to_stdout:
        target = Path(out_dir) if out_dir else Path.cwd()
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"Lỗi: không tạo được thư mục {target}: {exc.strerror or exc}.", file=sys.stderr)
            return 2
    used: set[str] = set()
    for file in files:
        name = Path(file).name or file
        try:
            plan = extract_path(file, progress=None if quiet else _stderr_progress(name))
        except ReaderError as exc:
            print(f"Lỗi: {name}: {_one_line(exc.message)}", file=sys.stderr)
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files
            print(f"Lỗi: {name}: lỗi không mong đợi khi xử lý tệp ({type(exc).__name__}).", file=sys.stderr)
            failed += 1
            continue
        text = json.dumps(plan, ensure_ascii=False, indent=2)
        if to_stdout:
            sys.stdout.write(text + "\n")
        else:
            assert target is not None
            stem = Path(file).stem
            if stem in used:  # a.txt and a.docx in one run: the second keeps its extension
                stem = Path(file).name
            used.add(stem)
            out = target / f"{stem}.json"
            try:
                out.write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                print(f"Lỗi: {name}: không ghi được {out}: {exc.strerror or exc}.", file=sys.stderr)
                failed += 1
    return 2 if failed else 0


def _one_line(message: str) -> str:
    return " ".join(message.split())
