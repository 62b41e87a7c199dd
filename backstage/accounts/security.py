def axes_username(request, credentials):
    """allauth authenticates with `email=`; the login form posts `login`. Lock on the same normalised value."""
    for key in ("email", "login", "username"):
        value = (credentials or {}).get(key)
        if value:
            return str(value).strip().lower()
    if request is not None and request.method == "POST":
        return request.POST.get("login", "").strip().lower()
    return ""
