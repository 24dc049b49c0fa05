"""Text of a plan → the structured plan of ../shared/extraction/GUIDE.md (owned by the parser work)."""

from __future__ import annotations

from danvan.reader.document import SourceDocument


def parse_plan(doc: SourceDocument) -> dict:
    """Placeholder until the parser lands: an empty, schema-valid plan."""
    return {
        "source": doc.source_name,
        "document": {"kind": None, "symbol": None, "issuer": None, "place": None, "date": None, "title": None,
                     "signer": {"name": None, "position": None, "authority": None}},
        "citations": [],
        "tasks": [],
        "reports": [],
    }
