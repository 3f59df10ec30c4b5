import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def staff(db):
    return get_user_model().objects.get(username="staff")


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(username="editor")


def practice_data(**overrides):
    data = {
        "title": "Una línea de intérpretes en la ventanilla de vivienda",
        "summary": "Un teléfono con intérpretes para las citas de vivienda.",
        "service_area": "housing",
        "country": "ES",
        "municipality": "Villaluz (municipio ficticio)",
        "department": "Social Services",  # chosen from the list of departments
        "stage": "5",
        "challenge": "Las familias no entendían los requisitos.\n\nLas citas se repetían.",
        "what_was_done": "Contratamos una línea de intérpretes y preparamos una guía de mentoría.",
        "results": "Las citas repetidas bajaron un 40 %.",
        "reuse": "Cualquier ventanilla puede usar la misma línea.",
        "contact": "vivienda@villaluz.example.org",
        "tags": "intérpretes, vivienda",
        "token": "8b4cbb0e-0e6f-4f84-9b59-0d1e0a6f1a01",
    }
    data.update(overrides)
    return data


def pdf_file(name="informe.pdf", size=None):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_file(name="guia.docx"):
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Guía")
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")
