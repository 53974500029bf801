"""The message catalogue: every code the library raises or warns with has its Danish text, and keeps its code."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from summarizer import summarise
from summarizer.errors import EmptyInput, ModelUnavailable, SummarizerError
from summarizer.messages import CATALOGUE, Message, code_of, engine_name, message, text
from summarizer.wire import WireError, read_article

ROOT = Path(__file__).resolve().parents[1]
#: How library code names a code: code="…", message("…"), text("…"), message_text("…").
CODE_USE = re.compile(
    r"""(?:\bcode=|\bmessage\(|\btext\(|\bmessage_text\()\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']"""
)


def used_codes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "summarizer").rglob("*.py")):
        for code in CODE_USE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_code_the_library_uses_has_a_danish_text_in_the_catalogue() -> None:
    used = used_codes()
    assert len(used) > 60  # the scan really finds the library's codes
    missing = {code: places for code, places in used.items() if code not in CATALOGUE}
    assert not missing


def test_an_error_keeps_its_code_and_fields_through_pickling_as_a_worker_sends_it() -> None:
    error = EmptyInput(code="input.only_headline", headline="»Ny bro over Limfjorden«")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is EmptyInput and back.code == "input.only_headline"
    assert str(back) == "Teksten er kun en rubrik (»Ny bro over Limfjorden«): indsæt hele artiklen."
    wire = pickle.loads(pickle.dumps(WireError(code="wire.binary", name="billede.png", where="billede.png")))
    assert wire.code == "wire.binary" and wire.where == "billede.png"
    assert str(wire).startswith("billede.png: ikke tekst")


def test_each_class_has_its_own_code_and_a_plain_message_still_works() -> None:
    assert SummarizerError().code == "error" and EmptyInput().code == "input.empty"
    assert str(EmptyInput()) == "Teksten er tom: der er intet at resumere."
    plain = SummarizerError("Noget gik galt med feedet.")
    assert str(plain) == "Noget gik galt med feedet." and plain.code == "error"


def test_a_missing_model_names_the_engine_it_belongs_to() -> None:
    error = ModelUnavailable(code="model.no_folder", model="/modeller/vores-stil")
    assert str(error) == "Modellen kan ikke bruges her: modelmappen /modeller/vores-stil findes ikke"
    assert str(error.with_engine("generative")).startswith("Sprogmodel (eksperimentel) kan ikke bruges her: ")
    assert str(error.with_engine("seq2seq")).startswith("Sprogmodel (eksperimentel)")  # the first name stays
    seq2seq = pickle.loads(pickle.dumps(ModelUnavailable(code="model.no_folder", engine="seq2seq", model="x")))
    assert str(seq2seq) == "Resumémodel kan ikke bruges her: modelmappen x findes ikke"


def test_a_warning_is_a_plain_string_that_remembers_its_code() -> None:
    note = message("input.cut", kept="200.000", total="350.000")
    assert isinstance(note, str) and isinstance(note, Message)
    assert note == "Teksten er for lang og er skåret ned til de første 200.000 af 350.000 tegn."
    assert code_of(note) == "input.cut" and code_of("en almindelig tekst") is None
    assert code_of(pickle.loads(pickle.dumps(note))) == "input.cut"


def test_summary_warnings_carry_codes_and_read_as_danish() -> None:
    english = (
        "The council decided on Monday to build a new bridge across the harbour. The work will start in May, "
        "the mayor said, and it will cost more than the council had planned for."
    )
    result = summarise(english, engine="lead")
    assert [code_of(w) for w in result.warnings if code_of(w) == "input.not_danish"] == ["input.not_danish"]
    assert "Teksten ligner ikke dansk; resuméerne er lavet til danske nyheder." in result.warnings


def test_a_field_left_out_is_shown_not_a_crash_and_an_unknown_code_is_itself() -> None:
    assert text("cli.no_such_file") == "filen findes ikke: {path}"  # no fields given: the template as it is
    assert text("cli.is_folder", other="x").startswith("{path} er en mappe")
    assert text("ingen.saadan.kode") == "ingen.saadan.kode"


@pytest.mark.parametrize("name", ["lead", "extractive", "seq2seq", "generative"])
def test_every_engine_has_a_danish_name(name: str) -> None:
    assert engine_name(name) != name and CATALOGUE[f"engine.{name}.about"]


def test_a_reader_error_for_an_editor_is_danish_and_one_line() -> None:
    with pytest.raises(WireError) as raised:
        read_article(b"<RBNews><NewsID>9</NewsID><headline>Kun rubrik</headline></RBNews>", name="rb.xml")
    assert str(raised.value) == "rb.xml: Ritzau-artiklen har intet indhold (content)"
    assert raised.value.code == "wire.empty.ritzau"
