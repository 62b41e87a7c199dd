from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.internships import selectors, services
from backstage.internships.forms import (
    ApplicationLetterForm,
    CommentForm,
    DecisionForm,
    KitForm,
    LetterModelForm,
    OfferForm,
    OfferSearchForm,
    ReportForm,
    SchoolSettingsForm,
    SignForm,
)
from backstage.internships.letters import LETTER_LANGUAGES, model_letter, tailored_draft
from backstage.internships.models import Application, Kit, Offer, Signature
from backstage.internships.pdf import pdf_response
from backstage.internships.services import InternshipError
from backstage.organisations.selectors import staff_school_ids


# ---------------------------------------------------------------------------------------------------------
# Offers


@login_required
def offer_list(request):
    form = OfferSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sector = filters.get("sector")
    offers, school = selectors.search_offers(
        request.user, starts_after=filters.get("starts_after"), ends_before=filters.get("ends_before"),
        sector=sector.code if sector else "", distance=filters.get("distance"),
    )
    return render(request, "internships/offer_list.html", {
        "form": form, "offers": offers, "school": school,
        "managed": selectors.managed_organisations(request.user),
        "is_student": selectors.student_membership(request.user) is not None,
    }, status=200 if form.is_valid() or not request.GET else 400)


def _offer_page(request, offer, *, status=200, problem=None):
    membership = selectors.student_membership(request.user)
    if problem is None and membership is not None:
        problem = services.apply_problem(offer=offer, student=request.user, school=membership.organisation)
    existing = Application.objects.filter(offer=offer, student=request.user).first()
    return render(request, "internships/offer_detail.html", {
        "offer": offer, "is_student": membership is not None, "problem": problem, "existing": existing,
        "manager": offer.organisation_id in selectors.managed_organisation_ids(request.user),
    }, status=status)


@login_required
def offer_detail(request, pk):
    return _offer_page(request, selectors.get_offer_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    offer = selectors.get_offer_for_user(request.user, pk)
    membership = selectors.student_membership(request.user)
    school = membership.organisation if membership else None
    problem = services.apply_problem(offer=offer, student=request.user, school=school)
    if problem and request.method == "GET":
        return redirect("internships:offer_detail", offer.pk)
    if problem:
        return _offer_page(request, offer, status=400, problem=problem)
    base_letter = request.user.internship_kit.letter
    form = ApplicationLetterForm(request.POST if request.method == "POST" else None, offer=offer,
                                 base_letter=base_letter, initial={"letter": tailored_draft(base_letter, offer)})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                offer=offer, student=request.user, school=school, letter=form.cleaned_data["letter"]
            )
        except InternshipError as error:
            return _offer_page(request, offer, status=400, problem=str(error))
        messages.success(request, _("Your application is on its way."))
        return redirect("internships:application_detail", application.pk)
    return render(request, "internships/apply.html", {"offer": offer, "form": form},
                  status=400 if request.method == "POST" else 200)


def _offer_form_page(request, organisation, offer=None):
    form = OfferForm(request.POST if request.method == "POST" else None, instance=offer, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in OfferForm.Meta.fields}
            try:
                offer = services.offer_save(
                    offer=offer, organisation=organisation, actor=request.user,
                    occupations=form.cleaned_data["occupations"], place=form.cleaned_data["place"], **fields,
                )
            except InternshipError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Offer saved."))
                return redirect("internships:offer_detail", offer.pk)
        return render(request, "internships/offer_form.html", {"form": form, "organisation": organisation,
                                                               "offer": offer}, status=400)
    return render(request, "internships/offer_form.html", {"form": form, "organisation": organisation, "offer": offer})


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request, pk):
    return _offer_form_page(request, selectors.get_managed_organisation(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = selectors.get_offer_for_manager(request.user, pk)
    return _offer_form_page(request, offer.organisation, offer)


@login_required
@require_POST
def offer_status(request, pk):
    offer = selectors.get_offer_for_manager(request.user, pk)
    status = request.POST.get("status")
    if status not in (Offer.Status.PUBLISHED, Offer.Status.CLOSED):
        return _offer_page(request, offer, status=400)
    services.offer_set_status(offer=offer, actor=request.user, status=status)
    return redirect("internships:offer_detail", offer.pk)


@login_required
def manage(request, pk):
    organisation = selectors.get_managed_organisation(request.user, pk)
    return render(request, "internships/manage.html", {
        "organisation": organisation,
        "offers": Offer.objects.filter(organisation=organisation).select_related("place"),
        "applications": selectors.applications_for_user(request.user).filter(offer__organisation=organisation),
    })


@login_required
@require_http_methods(["GET", "POST"])
def school_settings(request, pk):
    school = selectors.staff_school(request.user, pk)
    initial = {"teacher_validation": services.teacher_validation_on(school)}
    form = SchoolSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.school_settings_save(school=school, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Settings saved."))
        return redirect("internships:school_settings", school.pk)
    return render(request, "internships/school_settings.html", {"school": school, "form": form})


# ---------------------------------------------------------------------------------------------------------
# The CV and letter kit (pupils)


def _require_student(request):
    membership = selectors.student_membership(request.user)
    if membership is None:
        raise PermissionDenied
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def kit(request):
    membership = _require_student(request)
    instance = Kit.objects.filter(student=request.user).first()
    if instance is None:
        instance = Kit(student=request.user, school_line=f"{membership.school_class or ''}, {membership.organisation.name}")
    if request.method == "POST":
        form = KitForm(request.POST, instance=instance)
        if form.is_valid():
            services.kit_save(student=request.user, **{name: form.cleaned_data[name] for name in services.KIT_FIELDS})
            messages.success(request, _("Your CV and letter are saved."))
            return redirect("internships:kit")
        return render(request, "internships/kit.html", _kit_context(form, form.instance, LetterModelForm()), status=400)
    # A model letter fills the letter box of the page only; nothing is saved until the pupil saves the form.
    chooser = LetterModelForm(request.GET)
    if not chooser.is_valid():
        return render(request, "internships/kit.html", _kit_context(KitForm(instance=instance), instance, chooser),
                      status=400)
    if chooser.cleaned_data["template"]:
        instance.letter = model_letter(chooser.cleaned_data["template"], name=request.user.get_full_name(),
                                       school=membership.organisation.name)
    return render(request, "internships/kit.html", _kit_context(KitForm(instance=instance), instance, chooser))


def _kit_context(form, kit, chooser):
    return {"form": form, "kit": kit, "chooser": chooser, "letter_languages": LETTER_LANGUAGES}


@login_required
@require_POST
def kit_preview(request):
    _require_student(request)
    form = KitForm(request.POST)
    form.is_valid()  # the preview shows what is typed, errors included; nothing is saved
    preview = Kit(student=request.user, **{name: form.data.get(name, "") for name in services.KIT_FIELDS})
    return render(request, "internships/kit.html#preview", {"kit": preview, "form": form})


@login_required
def kit_pdf(request):
    _require_student(request)
    found = Kit.objects.filter(student=request.user).first() or Kit(student=request.user)
    return pdf_response("internships/pdf/application.html", {
        "cv": services.cv_snapshot(found, request.user), "letter": found.letter, "offer": None,
    }, "cv-letter.pdf")


# ---------------------------------------------------------------------------------------------------------
# Applications


@login_required
def application_list(request):
    applications = selectors.applications_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Application.Status.values:
        applications = applications.filter(status=status)
    return render(request, "internships/application_list.html", {
        "applications": applications, "status": status, "statuses": Application.Status.choices,
        "staff_schools": staff_school_ids(request.user),
    })


def _application_page(request, application, *, form=None, status=200):
    parties = selectors.parties_of(request.user, application)
    moves = {party: services.moves_for(application, party) for party in parties}
    return render(request, "internships/application_detail.html", {
        "application": application, "parties": parties,
        "actions": [key for key, (to, party) in DecisionForm.ACTIONS.items() if to in moves.get(party, [])],
        "form": form or DecisionForm(),
        "full_name": "teacher" in parties or "student" in parties,
    }, status=status)


@login_required
def application_detail(request, pk):
    return _application_page(request, selectors.get_application_for_user(request.user, pk))


@login_required
@require_POST
def application_move(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _application_page(request, application, form=form, status=400)
    to_status, party = DecisionForm.ACTIONS[form.cleaned_data["action"]]
    if party not in selectors.parties_of(request.user, application):
        raise PermissionDenied
    try:
        services.application_move(application=application, to_status=to_status, actor=request.user, party=party,
                                  message=form.cleaned_data["message"])
    except InternshipError as error:
        form.add_error(None, str(error))
        return _application_page(request, application, form=form, status=409)
    return redirect("internships:application_detail", application.pk)


@login_required
def application_pdf(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    return pdf_response("internships/pdf/application.html", {
        "cv": application.cv, "letter": application.letter, "offer": application.offer,
    }, f"application-{application.pk}.pdf")


# ---------------------------------------------------------------------------------------------------------
# Agreement


def _signable(user, application) -> list[str]:
    parties = selectors.parties_of(user, application)
    allowed = []
    if "teacher" in parties:
        allowed += [Signature.Party.SCHOOL, Signature.Party.PARENT]
    if "company" in parties:
        allowed.append(Signature.Party.COMPANY)
    signed = {s.party for s in application.agreement.signatures.all()}
    return [party for party in allowed if party not in signed]


def _agreement_page(request, application, *, form=None, status=200):
    agreement = application.agreement
    allowed = _signable(request.user, application)
    rows = [(party, label, agreement.signature(party)) for party, label in Signature.Party.choices]
    return render(request, "internships/agreement.html", {
        "application": application, "agreement": agreement, "rows": rows, "allowed": allowed,
        "form": form or SignForm(allowed_parties=allowed, initial={"signer_name": request.user.get_full_name()}),
        "party_choices": [(value, label) for value, label in Signature.Party.choices if value in allowed],
    }, status=status)


@login_required
def agreement(request, pk):
    return _agreement_page(request, selectors.get_agreement_application_for_user(request.user, pk))


@login_required
@require_POST
def agreement_sign(request, pk):
    application = selectors.get_agreement_application_for_user(request.user, pk)
    allowed = _signable(request.user, application)
    if not allowed:
        raise PermissionDenied
    form = SignForm(request.POST, request.FILES, allowed_parties=allowed)
    if not form.is_valid():
        return _agreement_page(request, application, form=form, status=400)
    try:
        services.agreement_sign(agreement=application.agreement, party=form.cleaned_data["party"], actor=request.user,
                                signer_name=form.cleaned_data["signer_name"], scan=form.cleaned_data["scan"])
    except InternshipError as error:
        form.add_error(None, str(error))
        return _agreement_page(request, application, form=form, status=409)
    messages.success(request, _("Signature recorded."))
    return redirect("internships:agreement", application.pk)


@login_required
def agreement_pdf(request, pk):
    application = selectors.get_agreement_application_for_user(request.user, pk)
    agreement = application.agreement
    return pdf_response("internships/pdf/agreement.html", {
        "application": application, "offer": application.offer,
        "rows": [(label, agreement.signature(party)) for party, label in Signature.Party.choices],
    }, f"agreement-{application.pk}.pdf")


# ---------------------------------------------------------------------------------------------------------
# Report


def _report_page(request, application, *, form=None, comment_form=None, status=200):
    report = selectors.report_of(application)
    parties = selectors.parties_of(request.user, application)
    editable = "student" in parties and report.submitted_at is None
    return render(request, "internships/report.html", {
        "application": application, "report": report, "parties": parties, "editable": editable,
        "form": form or (ReportForm(instance=report) if editable else None),
        "comment_form": comment_form or CommentForm(),
        "comment_field": "teacher_comment" if "teacher" in parties else (
            "tutor_evaluation" if parties & {"tutor", "company"} else None),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    application = selectors.get_accepted_application_for_user(request.user, pk)
    if request.method == "GET":
        return _report_page(request, application)
    if "student" not in selectors.parties_of(request.user, application):
        raise PermissionDenied
    found = selectors.report_of(application)
    form = ReportForm(request.POST, instance=found)
    if not form.is_valid():
        return _report_page(request, application, form=form, status=400)
    try:
        services.report_save(report=found, actor=request.user, submit="submit" in request.POST,
                             **{name: form.cleaned_data[name] for name in services.REPORT_FIELDS})
    except InternshipError as error:
        form.add_error(None, str(error))
        return _report_page(request, application, form=form, status=409)
    messages.success(request, _("Report saved."))
    return redirect("internships:report", application.pk)


@login_required
@require_POST
def report_comment(request, pk):
    application = selectors.get_accepted_application_for_user(request.user, pk)
    parties = selectors.parties_of(request.user, application)
    if "teacher" in parties:
        field = "teacher_comment"
    elif parties & {"tutor", "company"}:
        field = "tutor_evaluation"
    else:
        raise PermissionDenied
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _report_page(request, application, comment_form=form, status=400)
    services.report_comment(report=selectors.report_of(application), actor=request.user, field=field,
                            text=form.cleaned_data["text"])
    return redirect("internships:report", application.pk)


@login_required
def report_pdf(request, pk):
    application = selectors.get_accepted_application_for_user(request.user, pk)
    return pdf_response("internships/pdf/report.html", {
        "application": application, "offer": application.offer, "report": selectors.report_of(application),
    }, f"report-{application.pk}.pdf")
