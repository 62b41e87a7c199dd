from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from backstage.accounts.models import ParentalConsent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "country", "date_of_birth", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "date_of_birth", "country", "language"]}),
        ("Platform", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(ParentalConsent)
class ParentalConsentAdmin(admin.ModelAdmin):
    list_display = ["student", "status", "method", "requested_at", "granted_at", "withdrawn_at"]
    list_filter = ["status", "method"]
    readonly_fields = ["token_hash"]
    raw_id_fields = ["student", "recorded_by"]
