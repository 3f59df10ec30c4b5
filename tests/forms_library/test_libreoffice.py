"""The Czech SWOT form, filled by the mentee, opens in LibreOffice with every answer (the issue's journey)."""

import os
import shutil
import subprocess

import pytest

from forms_library.models import FormTemplatePage
from tests.factories import MemberFactory
from tests.forms_library.helpers import sample_post

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice is not installed here (CI installs it)")
    return SOFFICE


def test_czech_swot_opens_in_libreoffice_with_every_answer(client, soffice, tmp_path):
    client.force_login(MemberFactory(preferred_language="cs"))
    page = FormTemplatePage.objects.get(locale__language_code="cs", slug="swot-analysis", alias_of__isnull=True)
    data, expected = sample_post(page.definitions, text="Odpověď s háčky a čárkami")
    location = client.post(f"{page.url}fill/", {**data, "action": "complete"})["Location"]
    (tmp_path / "swot.docx").write_bytes(client.get(location + "docx/").content)

    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "swot.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "swot.txt").read_text(encoding="utf-8-sig")
    assert page.title in text
    for answer in expected:
        assert answer in text
    for _part, label in page.definitions[2].swot_labels:
        assert label in text
