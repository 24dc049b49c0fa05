"""TXT reading: Unicode, Windows-1258 and the legacy TCVN3 / VNI font encodings."""

from __future__ import annotations

import unicodedata

import pytest

from danvan.reader import Table, read_bytes, read_path
from danvan.reader.sources.legacy_encodings import (
    TCVN3_DECODE,
    TCVN3_ENCODE,
    VNI_DECODE,
    VNI_ENCODE,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
)
from danvan.reader.sources.text import decode_text

from .conftest import seed_path, seed_text

TONES = "\u0300\u0301\u0309\u0303\u0323"
LOWER_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
ALL_LETTERS = LOWER_LETTERS + LOWER_LETTERS.upper()
#: The 134 letters with diacritics (67 lower-case, 67 upper-case).
VIETNAMESE_LETTERS = "".join(c for c in ALL_LETTERS if not c.isascii())


def to_cp1258(text: str) -> bytes:
    """Unicode → Windows-1258 the way Vietnamese Windows stores it: base letter + combining tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out.append((base + "".join(c for c in nfd if c in TONES)).encode("cp1258"))
    return b"".join(out)


def plan_text() -> str:
    # `¹` (a footnote mark) is the TCVN3 byte for `ạ`; a legacy-font file cannot hold it.
    return seed_text("000").replace("¹", "1")


def tcvn3_expected(text: str) -> str:
    """What a TCVN3 single-font file can hold: upper-case toned letters only on lines typed in capitals."""
    return decode_tcvn3(encode_tcvn3(text))


def test_134_letters_in_both_tables():
    assert len(set(VIETNAMESE_LETTERS)) == 134
    for letter in VIETNAMESE_LETTERS:
        assert letter in VNI_ENCODE, letter
    assert len(VNI_DECODE) == 134  # no two letters share a byte sequence
    lower_tcvn3 = [c for c in LOWER_LETTERS if not c.isascii()]
    assert all(c in TCVN3_ENCODE for c in lower_tcvn3)
    assert all(TCVN3_ENCODE[c] in TCVN3_DECODE for c in "ĂÂĐÊÔƠƯ")
    assert len(TCVN3_DECODE) == len(TCVN3_ENCODE)


def test_known_legacy_spellings():
    assert decode_tcvn3("KÕ ho¹ch") == "Kế hoạch"
    assert decode_vni("Keá hoaïch") == "Kế hoạch"
    assert decode_vni("Ñaûng Coäng saûn Vieät Nam") == "Đảng Cộng sản Việt Nam"
    assert decode_tcvn3("§¶ng") == "Đảng"
    assert decode_tcvn3("KÕ HO¹CH") == "KẾ HOẠCH"  # typed in the capital font .VnTimeH


def test_round_trip_every_letter():
    assert decode_vni(encode_vni(ALL_LETTERS)) == ALL_LETTERS
    assert decode_tcvn3(encode_tcvn3(LOWER_LETTERS)) == LOWER_LETTERS
    upper_bases = "ĂÂĐÊÔƠƯ"
    assert decode_tcvn3(encode_tcvn3(upper_bases)) == upper_bases


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("utf-8", lambda t: t.encode("utf-8")),
        ("utf-8", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        ("utf-16", lambda t: t.encode("utf-16-le").join([b"\xff\xfe", b""])),
        ("utf-16", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
        ("cp1258", to_cp1258),
        ("vni", lambda t: encode_vni(t).encode("cp1252")),
    ],
)
def test_encodings_read_back_equal(encoding, encode):
    text = plan_text()
    decoded, detected = decode_text(encode(text))
    assert detected == encoding
    assert decoded == unicodedata.normalize("NFC", text).replace("\r\n", "\n")


def test_tcvn3_reads_back():
    text = plan_text()
    decoded, detected = decode_text(encode_tcvn3(text).encode("cp1252"))
    assert detected == "tcvn3"
    assert decoded == tcvn3_expected(text)
    assert decoded.casefold() == text.casefold()


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_detection_on_other_seeds(prefix):
    text = seed_text(prefix).replace("¹", "1")
    assert decode_text(encode_vni(text).encode("cp1252"))[1] == "vni"
    assert decode_text(encode_tcvn3(text).encode("cp1252"))[1] == "tcvn3"
    assert decode_text(to_cp1258(text))[1] == "cp1258"


def test_legacy_text_saved_as_utf8_mojibake():
    text = plan_text()
    mojibake = encode_vni(text).encode("cp1252").decode("cp1252").encode("utf-8")
    decoded, detected = decode_text(mojibake)
    assert detected == "vni"
    assert decoded == text


def test_undiacritised_ocr_text_stays_utf8():
    path = seed_path("004")
    doc = read_path(path)
    assert doc.encoding == "utf-8"
    assert doc.text().splitlines()[0] == path.read_text(encoding="utf-8").strip().splitlines()[0].strip()


def test_lines_are_paragraphs_with_line_numbers():
    doc = read_bytes("Dòng một\n\n  Dòng ba  \r\nDòng bốn".encode(), "a.txt")
    assert [(p.text, p.line) for p in doc.blocks] == [("Dòng một", 1), ("Dòng ba", 3), ("Dòng bốn", 4)]
    assert doc.format == "txt"
    assert doc.source_name == "a.txt"


def test_seed_reads_like_the_file():
    path = seed_path("000")
    doc = read_path(path)
    expected = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [b.text for b in doc.blocks] == expected


def test_nfc_output_for_decomposed_utf8():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch thực hiện").encode("utf-8")
    assert read_bytes(decomposed, "k.txt").blocks[0].text == "Kế hoạch thực hiện"


def test_rows_copied_from_a_word_table_become_a_table():
    text = ("Nhiệm vụ như sau:\n"
            "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
            "\tTổ chức hội nghị\tSở Nội vụ\tQuý III/2025\n"
            "2\tKiểm tra\tThanh tra tỉnh\t\n"
            "Nơi nhận:")
    doc = read_bytes(text.encode(), "bang.txt")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert table.line == 2 and table.row_lines == [2, 3, 4]
    assert table.rows[1] == ["", "Tổ chức hội nghị", "Sở Nội vụ", "Quý III/2025"]  # the empty STT keeps its column
    assert table.rows[2] == ["2", "Kiểm tra", "Thanh tra tỉnh", ""]


def test_a_group_row_word_merged_into_one_cell_stays_in_its_tab_table():
    text = ("STT\tTên nhiệm vụ\tCơ quan chủ trì\n"
            "I. LĨNH VỰC NỘI VỤ\n"
            "1\tBan hành kế hoạch\tSở Nội vụ\n"
            "II. LĨNH VỰC THANH TRA\n"
            "2\tTiếp công dân định kỳ\tThanh tra tỉnh\n"
            "Ghi chú: nhiệm vụ ban hành văn bản gửi dự thảo trước thời hạn.")
    doc = read_bytes(text.encode(), "danhmuc.txt")
    assert [type(b).__name__ for b in doc.blocks] == ["Table", "Paragraph"]
    assert doc.blocks[0].rows[1] == ["I.", "LĨNH VỰC NỘI VỤ"]
    assert doc.blocks[0].rows[4] == ["2", "Tiếp công dân định kỳ", "Thanh tra tỉnh"]


def test_rows_written_with_bars_become_a_table_and_single_lines_stay_text():
    text = ("| STT | Nội dung | Chủ trì |\n| 1 | Tuyên truyền | Sở Tư pháp |\n\n"
            "Một dòng có | một | vài dấu gạch đứng\nDòng\tcó một tab")
    doc = read_bytes(text.encode(), "bang.txt")
    assert isinstance(doc.blocks[0], Table)
    assert doc.blocks[0].rows == [["STT", "Nội dung", "Chủ trì"], ["1", "Tuyên truyền", "Sở Tư pháp"]]
    assert [b.text for b in doc.blocks[1:]] == ["Một dòng có | một | vài dấu gạch đứng", "Dòng\tcó một tab"]


def test_a_bar_at_the_end_of_a_row_without_one_at_its_start_closes_an_empty_cell():
    text = ("TT | Nội dung công việc | Cơ quan chủ trì | Thời gian\n"
            "I | CÔNG TÁC TUYÊN TRUYỀN | | \n"
            "1 | Tuyên truyền | Sở Nội vụ | Tháng 3/2026\n")
    doc = read_bytes(text.encode(), "bang.txt")
    assert len(doc.blocks) == 1 and isinstance(doc.blocks[0], Table)  # the group row does not cut the table
    assert doc.blocks[0].rows[1] == ["I", "CÔNG TÁC TUYÊN TRUYỀN", "", ""]


def test_a_cell_with_a_line_break_is_joined_back_into_its_row():
    text = ("STT\tNhiệm vụ\tChủ trì\tThời hạn\n"
            "1\tRà soát quy trình thủ tục hành chính.\n"
            "Ưu tiên thủ tục có nhiều hồ sơ.\tVăn phòng Sở\tQuý II/2026\n"
            "2\tKhảo sát mức độ hài lòng\tPhòng Chuyển đổi số\tQuý IV/2026")
    (table,) = read_bytes(text.encode(), "bang.txt").blocks
    assert table.rows[1] == ["1", "Rà soát quy trình thủ tục hành chính. Ưu tiên thủ tục có nhiều hồ sơ.",
                             "Văn phòng Sở", "Quý II/2026"]
    assert len(table.rows) == 3 and table.row_lines == [1, 2, 4]
