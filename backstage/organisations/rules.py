import rules

from backstage.organisations.selectors import is_moderator as _is_moderator
from backstage.organisations.selectors import roles_of


@rules.predicate
def is_adult(user):
    return user.is_authenticated and not user.is_minor


@rules.predicate
def is_moderator(user):
    return _is_moderator(user)


@rules.predicate
def is_school_staff(user):
    return bool(roles_of(user) & {"teacher", "counsellor"})


rules.add_perm("organisations.create_school", is_adult)
rules.add_perm("organisations.moderate_schools", is_moderator)
