import rules

from backstage.accounts.selectors import contact_allowed


@rules.predicate
def has_contact_rights(user):
    return contact_allowed(user)


rules.add_perm("accounts.use_contact_features", has_contact_rights)
