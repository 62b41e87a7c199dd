from backstage.core.models import AuditEntry


def _label(user) -> str:
    return f"user #{user.pk}" if user is not None else "system"


def audit_record(*, action: str, actor=None, subject=None, organisation=None, **details) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_label=_label(actor),
        subject=subject,
        subject_label=_label(subject) if subject is not None else "",
        organisation=organisation,
        details=details,
    )
