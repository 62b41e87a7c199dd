from django.contrib import admin

from backstage.organisations.models import Membership, Organisation, Place, SchoolClass


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "status", "priority_education"]
    list_filter = ["kind", "status", "country", "priority_education"]
    search_fields = ["name"]
    raw_id_fields = ["place", "parent", "created_by"]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "school_year", "grade", "joining_open"]
    search_fields = ["name", "school__name"]
    raw_id_fields = ["school", "created_by"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "school_class", "created_at", "ended_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organisation", "school_class"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["postcode", "name", "country", "region"]
    list_filter = ["country"]
    search_fields = ["postcode", "name", "name_fr", "name_nl"]
