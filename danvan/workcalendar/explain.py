"""A deadline's stored explanation, as the Vietnamese sentences a user reads."""

from __future__ import annotations

import datetime as dt

from danvan.core.dates import date_in_words


def _day(iso: str | None) -> str:
    return date_in_words(dt.date.fromisoformat(iso)) if iso else ""


def _skipped(entry: dict) -> str:
    reason = entry["reason"]
    if reason == entry["weekday"]:
        return f"{_day(entry['date'])} ({reason})"
    return f"{_day(entry['date'])} ({entry['weekday']}, {reason})"


def explanation_sentences(explanation: dict) -> list[str]:
    """`["Quy tắc: … (Luật … Điều …).", "Ngày bắt đầu: ngày 5 tháng 2 năm 2026.", …, "Hạn: ngày …"]`."""
    if not explanation:
        return []
    rule = explanation["rule"]
    effective = f"hiệu lực từ {_day(rule['effective_from'])}"
    if rule.get("effective_to"):
        effective += f" đến {_day(rule['effective_to'])}"
    lines = [f"Quy tắc: {rule['title']} ({rule['legal_source']}; {effective})."]
    if explanation.get("printed_date"):
        lines.append(f"Ngày ghi trong văn bản: {_day(explanation['printed_date'])}.")
    if explanation.get("start_date"):
        lines.append(f"Ngày bắt đầu: {_day(explanation['start_date'])}.")
    if rule["unit"] != "fixed_date":
        counting = explanation.get("counting_from")
        lines.append(
            f"Thời hạn: {explanation['amount']} {rule['unit_label']}"
            + (f", tính từ {_day(counting)}" if counting else "")
            + " (Bộ luật Dân sự 2015, Điều 147: không tính ngày xảy ra sự kiện)."
            if rule.get("start_offset", 1) >= 1
            else f"Thời hạn: {explanation['amount']} {rule['unit_label']}, tính từ {_day(counting)}."
        )
    if explanation.get("skipped"):
        lines.append("Bỏ qua: " + "; ".join(_skipped(e) for e in explanation["skipped"]) + ".")
    if explanation.get("made_up"):
        lines.append(
            "Tính cả ngày làm bù: "
            + "; ".join(f"{_day(e['date'])} ({e['weekday']}, {e['name']})" for e in explanation["made_up"])
            + "."
        )
    shift = explanation.get("shift")
    if shift:
        first, *rest = shift["skipped"]
        why = first["reason"] if first["reason"] == first["weekday"] else f"{first['weekday']}, {first['reason']}"
        sentence = f"Ngày cuối cùng của thời hạn, {_day(shift['from'])}, là ngày nghỉ ({why})"
        if rest:
            sentence += "; tiếp theo cũng là ngày nghỉ: " + "; ".join(_skipped(e) for e in rest)
        lines.append(
            f"{sentence}. Thời hạn kết thúc vào ngày làm việc tiếp theo, {_day(shift['to'])} ({shift['legal_source']})."
        )
    for warning in explanation.get("warnings", []):
        lines.append(f"Lưu ý: {warning}")
    lines.append(f"Hạn: {_day(explanation['due_date'])} ({explanation['due_weekday']}).")
    return lines
