"""Pre-fill the 2025–2027 calendar and the seed deadline rules (idempotent; see danvan.workcalendar.defaults)."""

from django.db import migrations


def load(apps, schema_editor):
    from danvan.workcalendar.defaults import load_defaults

    load_defaults(
        CalendarYear=apps.get_model("workcalendar", "CalendarYear"),
        CalendarDay=apps.get_model("workcalendar", "CalendarDay"),
        DeadlineRule=apps.get_model("workcalendar", "DeadlineRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
