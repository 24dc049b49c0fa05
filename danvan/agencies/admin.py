from django.contrib import admin

from danvan.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1
    fields = ["text"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["name", "short_name", "code", "search_key"]
    autocomplete_fields = ["parent", "successors"]
    readonly_fields = ["search_key"]
    inlines = [AgencyAliasInline]


class AgencyGroupAliasInline(admin.TabularInline):
    model = AgencyGroupAlias
    extra = 1
    fields = ["text"]


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "scope", "direct_children_only"]
    search_fields = ["name", "code", "search_key"]
    autocomplete_fields = ["scope", "extra_members"]
    readonly_fields = ["search_key"]
    inlines = [AgencyGroupAliasInline]
