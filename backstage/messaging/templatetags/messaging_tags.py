from django import template

from backstage.organisations.models import Role
from backstage.organisations.selectors import roles_of

register = template.Library()


@register.filter
def is_student(user) -> bool:
    return Role.STUDENT in roles_of(user)
