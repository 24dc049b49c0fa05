from __future__ import annotations

from django import forms

from danvan.workcalendar.models import DayKind


class CalendarDayForm(forms.Form):
    date = forms.DateField(label="Ngày", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Loại", choices=DayKind.choices)
    name = forms.CharField(label="Tên", max_length=200)
    source = forms.CharField(label="Nguồn (văn bản, số, ngày)", widget=forms.Textarea(attrs={"rows": 2}))


class CalendarDayRemoveForm(forms.Form):
    date = forms.DateField(widget=forms.HiddenInput)
