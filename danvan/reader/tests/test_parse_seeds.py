"""The parser against the hand-made gold answers of the five seed plans, scored by the shared score.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from danvan.reader.document import Paragraph, SourceDocument
from danvan.reader.parse import parse_plan

SHARED = Path("/work/shared")
SEEDS = SHARED / "seeds"
GOLD = SHARED / "extraction" / "gold"
SCORER = SHARED / "extraction" / "score.py"

pytestmark = pytest.mark.skipif(not (SCORER.exists() and SEEDS.exists() and GOLD.exists()),
                                reason="the shared seeds, gold files and score.py are not available here")


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parse(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    doc = SourceDocument(blocks=[Paragraph(text=t, line=i + 1) for i, t in enumerate(lines)], source_name=path.name)
    return parse_plan(doc)


def test_seed_scores():
    import json

    score = _scorer()
    totals = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        gold_path = GOLD / f"{seed.stem}.json"
        if not gold_path.exists():
            continue
        totals[seed.stem] = score.score(json.loads(gold_path.read_text(encoding="utf-8")), _parse(seed))["total"]
    assert totals, "no seed with a gold file"
    assert sum(totals.values()) / len(totals) >= 0.97, totals
    assert min(totals.values()) >= 0.93, totals


def test_seed_output_is_schema_valid_and_traceable():
    jsonschema = pytest.importorskip("jsonschema")
    import json

    schema = json.loads((SHARED / "extraction" / "schema.json").read_text(encoding="utf-8"))
    for seed in sorted(SEEDS.glob("*.txt")):
        out = _parse(seed)
        jsonschema.validate(out, schema)
        for task in out["tasks"]:
            first, last = task["source_lines"]
            assert 1 <= first <= last
            assert isinstance(task["flags"], list)
