from django.conf import settings
from django.db import migrations, models


def fill_listing(apps, schema_editor):
    from backstage.profiles.selectors import listing_values

    apps.get_model("profiles", "ProfessionalProfile").objects.update(**listing_values(
        user_model=apps.get_model(settings.AUTH_USER_MODEL),
        membership_model=apps.get_model("organisations", "Membership"),
        verification_model=apps.get_model("profiles", "Verification"),
    ))


class Migration(migrations.Migration):

    dependencies = [
        ("profiles", "0001_initial"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="professionalprofile",
            name="listed_until",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="professionalprofile",
            name="owner_born_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_listing, migrations.RunPython.noop),
    ]
