"""Rebuild vocab_data.py from Vietnamese administrative prose (a development tool, never imported by the parser).

    python -m danvan.reader.parse.build_vocab danvan/reader/parse/vocab_data.py TEXT_FILE...

The shipped vocab_data.py was built from the diacritised seed plans 000-003 and GUIDE.md and DOMAIN.md of the
shared folder: genre vocabulary (syllable counts, most frequent diacritised form, frequent word pairs), no sentences.
"""

from __future__ import annotations

import collections
import re
import sys
import unicodedata
from pathlib import Path

from danvan.reader.parse.text import afold

_VN = re.compile("[ơưăđâêôạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõãĩũ]", re.I)
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")


def build(files: list[Path]) -> str:
    count: collections.Counter = collections.Counter()
    forms: dict = collections.defaultdict(collections.Counter)
    pairs: dict = collections.defaultdict(collections.Counter)
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not _VN.search(line):
                continue
            prev = None
            for word in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", line)):
                lower = word.lower()
                folded = afold(lower)
                if not _SYLLABLE.match(folded) or len(folded) > 7:
                    prev = None
                    continue
                count[folded] += 1
                forms[folded][lower] += 1
                if prev:
                    pairs[f"{prev[0]} {folded}"][f"{prev[1]} {lower}"] += 1
                prev = (folded, lower)
    vocab = {}
    for folded, n in count.items():
        best = forms[folded].most_common(1)[0][0]
        if n >= 2 or _VN.search(best):
            vocab[folded] = (n, best)
    bigrams = {k: v.most_common(1)[0][0] for k, v in pairs.items()
               if sum(v.values()) >= 2 and any(_VN.search(x) for x in v)}
    out = ['"""Folded Vietnamese syllables of administrative writing: count and most frequent diacritised form.',
           "",
           "Generated once from plain Vietnamese administrative prose (plans and the design notes); used to repair",
           "OCR slips (`thudc` → `thuộc`) and restore diacritics in scans that lost them. Not tied to any one plan.",
           '"""', "", "SYLLABLES: dict[str, tuple[int, str]] = {"]
    out += [f"    {k!r}: ({vocab[k][0]}, {vocab[k][1]!r})," for k in sorted(vocab)]
    out += ["}", "", "BIGRAMS: dict[str, str] = {"]
    out += [f"    {k!r}: {bigrams[k]!r}," for k in sorted(bigrams)]
    out += ["}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(build([Path(a) for a in sys.argv[2:]]), encoding="utf-8")
