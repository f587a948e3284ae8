"""What an evidence file is, judged by its content: every accepted kind made for real in the test, and the
refused ones (programs, web pages, SVG, plain archives, macros, a name that lies about the content)."""

from __future__ import annotations

import io

import pytest

from quarters.evidence_content import ContentRefused, compound_names, evidence_kind
from tests.quarters import evidence_files


@pytest.mark.parametrize("name", sorted(evidence_files.ACCEPTED))
def test_every_accepted_kind_is_recognised_by_its_content(name: str) -> None:
    kind, make = evidence_files.ACCEPTED[name]
    assert evidence_kind(name, io.BytesIO(make())).key == kind


@pytest.mark.parametrize("name", sorted(evidence_files.REFUSED))
def test_anything_else_is_refused_naming_the_file(name: str) -> None:
    data, words = evidence_files.REFUSED[name]
    with pytest.raises(ContentRefused) as refused:
        evidence_kind(name, io.BytesIO(data))
    message = str(refused.value)
    assert name in message and words in message, message


def test_a_folder_sent_with_the_name_is_dropped() -> None:
    with pytest.raises(ContentRefused, match=r"'x\.exe'"):
        evidence_kind("C:\\Users\\op\\x.exe", io.BytesIO(b"MZ" + b"\x00" * 64))


def test_a_broken_compound_file_is_refused() -> None:
    data = bytearray(evidence_files.compound("WordDocument"))
    data[48:52] = (999).to_bytes(4, "little")  # directory beyond the file
    with pytest.raises(ContentRefused, match="rusak"):
        evidence_kind("surat.doc", io.BytesIO(bytes(data)))
    assert compound_names(evidence_files.compound("WordDocument")) == {"Root Entry", "WordDocument"}
