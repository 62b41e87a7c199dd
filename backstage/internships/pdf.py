"""PDF documents (CV and letter, agreement, report) rendered by WeasyPrint from Django templates."""

from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "pdf.css"


def _weasyprint():
    # Imported on first use: WeasyPrint loads pango, which only PDF requests need. Its import also switches on
    # Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let damaged photos through the upload checks
    # (backstage/profiles/uploads.py); our documents hold no images, so the flag is put back at once.
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint

    ImageFile.LOAD_TRUNCATED_IMAGES = previous
    return weasyprint


def render_pdf(template: str, context: dict) -> bytes:
    weasyprint = _weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
