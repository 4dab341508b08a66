"""One pledge per mailbox, not per spelling of an address.

`email_canonical` (`campaigns.validators.mailbox_key`) replaces `email_normalised` in the unique
constraint: ana@exämple.org and ana@xn--exmple-cua.org, Ana+tag@… and a.na@googlemail.com (for
ana@gmail.com) were each a new signer. `email_normalised` stays as it was: the confirm and
withdraw links already sent are bound to it.

Existing rows get their key here. Where a campaign already holds several pledges of one mailbox,
one is kept (the first confirmed, else the first made) and the others are deleted with their
personal data: they are the same signer counted more than once.
"""

from django.db import migrations, models

import campaigns.validators
import core.validators

BATCH = 1000


def fill_mailbox_keys(apps, schema_editor):
    Pledge = apps.get_model("campaigns", "Pledge")
    rows = (
        Pledge.objects.order_by(
            "campaign_id", models.F("confirmed_at").asc(nulls_last=True), "created_at", "pk"
        )
        .values_list("pk", "campaign_id", "email")
        .iterator(chunk_size=BATCH)
    )
    seen = set()
    duplicates = []
    keys = {}
    for pk, campaign_id, email in rows:
        key = campaigns.validators.mailbox_key(email)
        if (campaign_id, key) in seen:
            duplicates.append(pk)
        else:
            seen.add((campaign_id, key))
            keys[pk] = key
    for start in range(0, len(duplicates), BATCH):
        Pledge.objects.filter(pk__in=duplicates[start : start + BATCH]).delete()
    # No unique constraint on the new column yet, so the order of the updates does not matter.
    pending = [Pledge(pk=pk, email_canonical=key) for pk, key in keys.items()]
    Pledge.objects.bulk_update(pending, ["email_canonical"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0004_activity_times_in_range"),
    ]

    operations = [
        migrations.AddField(
            model_name="pledge",
            name="email_canonical",
            field=models.CharField(
                default="", editable=False, max_length=254, verbose_name="mailbox"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_mailbox_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="pledge",
            name="campaigns_pledge_one_per_email",
        ),
        migrations.AddConstraint(
            model_name="pledge",
            constraint=models.UniqueConstraint(
                fields=("campaign", "email_canonical"), name="campaigns_pledge_one_per_mailbox"
            ),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="email",
            field=models.EmailField(
                max_length=254,
                validators=[core.validators.MailboxValidator()],
                verbose_name="e-mail",
            ),
        ),
    ]
