"""PDF documents (CV and letter, agreement, report) rendered by WeasyPrint from Django templates."""

from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "pdf.css"


def render_pdf(template: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads pango at import, which only PDF requests need.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
