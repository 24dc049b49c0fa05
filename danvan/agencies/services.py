"""Changing the agency directory: importing a directory file, saving group rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from danvan.agencies import io as directory_io
from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias
from danvan.core.audit import audit_record
from danvan.text import fold_words


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[directory_io.RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


def directory_import(*, data: bytes, filename: str, acting_user=None) -> ImportResult:
    """Import a directory CSV/XLSX: update agencies by code, create new ones.

    Everything is checked first; if any row is wrong nothing is written and the errors come back per row.
    Running the same file twice changes nothing the second time.
    """
    try:
        raw_rows = directory_io.read_file(data=data, filename=filename)
    except directory_io.DirectoryFileError as exc:
        return ImportResult(file_error=str(exc))
    checked = directory_io.check_rows(raw_rows)
    if checked.errors:
        return ImportResult(errors=checked.errors)
    result = ImportResult()
    with transaction.atomic():
        result.created, result.updated = _apply_rows(checked.rows)
        audit_record(actor=acting_user, action="agencies.directory_import",
                     summary=f"Nhập danh mục cơ quan từ {filename}: {result.created} mới, {result.updated} cập nhật.",
                     created=result.created, updated=result.updated)
    return result


def directory_import_rows(*, rows: list[dict[str, str]], acting_user=None) -> ImportResult:
    """Like `directory_import`, from rows already read (used by the demo loaders)."""
    checked = directory_io.check_rows(rows)
    if checked.errors:
        return ImportResult(errors=checked.errors)
    result = ImportResult()
    with transaction.atomic():
        result.created, result.updated = _apply_rows(checked.rows)
    return result


def _apply_rows(rows: list[directory_io.DirectoryRow]) -> tuple[int, int]:
    existing = {a.code: a for a in Agency.objects.filter(code__in=[row.code for row in rows])}
    created = 0
    updated_codes: set[str] = set()
    by_code: dict[str, Agency] = {}
    # First pass: the agencies themselves; parents and links need every code to exist.
    for row in rows:
        agency = existing.get(row.code) or Agency(code=row.code)
        is_new = agency.pk is None
        values = {"name": row.name, "short_name": row.short_name, "kind": row.kind, "valid_from": row.valid_from,
                  "valid_to": row.valid_to, "email": row.email, "note": row.note}
        changed = is_new or any(getattr(agency, key) != value for key, value in values.items())
        for key, value in values.items():
            setattr(agency, key, value)
        if changed:
            agency.save()
            if is_new:
                created += 1
            else:
                updated_codes.add(row.code)
        by_code[row.code] = agency
    referenced = {row.parent_code for row in rows} | {code for row in rows for code in row.successor_codes}
    missing = referenced - set(by_code) - {""}
    by_code.update({a.code: a for a in Agency.objects.filter(code__in=missing)})
    touched_by_links: set[str] = set()
    for row in rows:
        agency = by_code[row.code]
        parent_id = by_code[row.parent_code].pk if row.parent_code else None
        if agency.parent_id != parent_id:
            agency.parent_id = parent_id
            agency.save(update_fields=["parent"])
            touched_by_links.add(row.code)
        wanted = {by_code[code].pk for code in row.successor_codes}
        if set(agency.successors.values_list("pk", flat=True)) != wanted:
            agency.successors.set(wanted)
            touched_by_links.add(row.code)
        if _set_aliases(agency, row.aliases):
            touched_by_links.add(row.code)
    changed_codes = {row.code for row in rows if row.code in existing and row.code in touched_by_links}
    return created, len(changed_codes | updated_codes)


def _set_aliases(agency: Agency, texts: list[str]) -> bool:
    wanted = {}
    for text in texts:
        key = fold_words(text)
        if key and key not in wanted:
            wanted[key] = text
    current = {alias.search_key: alias for alias in agency.aliases.all()}
    changed = False
    for key, alias in current.items():
        if key not in wanted:
            alias.delete()
            changed = True
        elif alias.text != wanted[key]:
            alias.text = wanted[key]
            alias.save()
            changed = True
    for key, text in wanted.items():
        if key not in current:
            AgencyAlias.objects.create(agency=agency, text=text)
            changed = True
    return changed


def group_save(*, code: str, name: str, scope: Agency, member_kinds: list[str], aliases: list[str] = (),
               direct_children_only: bool = True, extra_members: list[Agency] = ()) -> AgencyGroup:
    """Create or update a group rule by code, with exactly the given aliases and extra members."""
    group, _ = AgencyGroup.objects.update_or_create(
        code=code, defaults={"name": name, "scope": scope, "member_kinds": list(member_kinds),
                             "direct_children_only": direct_children_only},
    )
    group.extra_members.set(list(extra_members))
    wanted = {fold_words(text): text for text in aliases if fold_words(text)}
    for alias in group.aliases.all():
        if alias.search_key not in wanted:
            alias.delete()
        else:
            wanted.pop(alias.search_key)
    for text in wanted.values():
        AgencyGroupAlias.objects.create(group=group, text=text)
    return group
