"""The desk's page speaks an editor's language: Danish engine names, one card per engine with its suggestions to
pick, details folded away, content words marked, an honest fact-check line, each notice once, local time."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from test_app_handlers import WIRE

from desk import handlers, render
from desk.handlers import EngineResult
from desk.handlers import article as article_handlers
from desk.store import Choice, Store, export_csv, export_jsonl
from desk.tabs.engines import engines_html
from desk.tabs.history import saved_html
from desk.ui import status_html
from summarizer import engines
from summarizer.article import Article
from summarizer.checks import Problem
from summarizer.engines import EngineInfo
from summarizer.errors import ModelUnavailable
from summarizer.messages import engine_name, message
from summarizer.results import CSV_ENCODING
from summarizer.summary import Flag, Summary


def _card(engine: str, summary: Summary, **kwargs: object) -> str:
    return render.engine_card(EngineResult(engine, summary=summary, wall_seconds=0.2), None, None, 70, **kwargs)


def _summary(engine: str = "lead", headlines: list[str] | None = None, **kwargs: object) -> Summary:
    return Summary(summary="Broen over Vejle Fjord åbner i 2031.", article=Article(body="x"), engine=engine,
                   headlines=headlines if headlines is not None else ["Ny bro i 2031", "Vejle får bro"],
                   **kwargs)  # type: ignore[arg-type]  # fmt: skip


def test_only_content_words_are_underlined_as_shared_with_the_real_lead() -> None:
    shared = render.shared_words("Aarhus vil bruge 145 mio. kr. på cykelstier, og det har byrådet sagt ja til at")
    assert {"aarhus", "bruge", "145", "cykelstier", "byrådet"} <= shared
    assert not shared & {"og", "at", "har", "på", "det", "vil", "til", "ja"}
    html = render.highlight("Byrådet har sagt ja til at bruge penge på cykelstier", shared=shared)
    assert '<span class="shared">Byrådet</span>' in html and '<span class="shared">cykelstier</span>' in html
    assert '<span class="shared">har</span>' not in html and '<span class="shared">på</span>' not in html


def test_a_card_has_the_danish_name_what_the_engine_does_and_headlines_to_click() -> None:
    html = _card("extractive", _summary("extractive"))
    assert "<h3>Udvalgte sætninger</h3>" in html and "valgt fra artiklen" in html and ">extractive<" not in html
    assert re.findall(r'<li class="headline( picked)?" data-rank="(\d)"', html) == [(" picked", "0"), ("", "1")]
    assert 'role="button" tabindex="0"' in html  # picked with the keyboard too


def test_rouge_the_signature_notes_and_time_are_folded_under_detaljer() -> None:
    summary = _summary(warnings=["Artiklen er 900 tokens, og modellen læser højst 192.", "Teksten ligner ikke dansk."])
    result = EngineResult("generative", summary=summary, wall_seconds=1.25)
    result.rouge_lead = handlers.rouge_scores("Broen åbner i 2031.", summary.summary)
    html = render.engine_card(result, "Broen åbner i 2031.", None, 70, signature="rouge|tok:unicode-w",
                              shown_above=["Teksten ligner ikke dansk."])  # fmt: skip
    details = html[html.index('<details class="details">') :]
    assert details.startswith('<details class="details"><summary>Detaljer · 1 note</summary>')
    assert '<table class="rouge">' in details and "rouge|tok:unicode-w" in details and "Tid: 1,25 s" in details
    assert "modellen læser højst 192" in details
    assert "ligner ikke dansk" not in html  # said once, at the top of the page, not again in the card
    assert html.index('<table class="rouge">') > html.index("<details")  # nothing of it outside the fold


def test_the_generative_card_is_labelled_experimental_and_says_what_the_fact_check_covered() -> None:
    html = _card("generative", _summary("generative"))
    assert "<h3>Sprogmodel (eksperimentel)</h3>" in html and "læs efter" in html
    assert "hver sætnings udsagn (hvem gør hvad) er holdt op mod artiklen" in html and "fanger ikke alt" in html
    for engine in ("lead", "extractive", "seq2seq", "generative"):
        text = _card(engine, _summary(engine))
        assert "findes i kilden" not in text and "Faktatjek: tal, navne" in text and "holdt op mod" in text
    assert "er ikke tjekket" in _card("seq2seq", _summary("seq2seq"))


def test_unsupported_and_invented_quote_problems_are_shown_like_other_problems() -> None:
    problems = [Problem("unsupported", "artiklen siger det ikke", "headline:0"),
                Problem("invented_quote", "citatet er ikke sagt i artiklen", "headline:1")]  # fmt: skip
    html = _card("generative", _summary("generative", problems=problems))
    assert '<li class="problem problem-unsupported">⚠ artiklen siger det ikke</li>' in html
    assert '<li class="problem problem-invented_quote">⚠ citatet er ikke sagt i artiklen</li>' in html
    assert "2 forslag uden støtte i artiklen" in html and "ingen afvigelser" not in html


def test_a_card_with_fewer_headlines_than_asked_says_why() -> None:
    assert "Kun 2 af 5 rubrikforslag" in _card("generative", _summary("generative"), wanted=5)
    # The engine's own note on what it left out (by its code) is said in the card, not folded, and not twice.
    why = message("generative.fewer_headlines", shown=2, dropped=3)
    truncated = message("generative.truncated", limit=192, total=900)
    html = _card("generative", _summary("generative", warnings=[truncated, why]), wanted=5)
    assert html.index(str(why)) < html.index("<details") < html.index(str(truncated))
    assert html.count(str(why)) == 1 and "Kun 2 af 5" not in html
    assert "Ingen rubrikforslag" in _card("lead", _summary(headlines=[]), wanted=5)
    assert "rubrikforslag:" not in _card("lead", _summary(), wanted=2)


def test_flags_say_what_was_checked() -> None:
    flags = [Flag("number", "2031", "summary", 31, 35)]
    html = _card("lead", _summary(flags=flags))
    assert "Faktatjek: 1 ikke i kilden" in html and "Tjekket: tal, navne og citater." in html


def test_the_masthead_has_no_developer_instructions_and_om_motorerne_lists_a_missing_engine_once() -> None:
    note = {name: engines.engine_class(name).install_note for name in ("seq2seq", "generative")}
    infos = [EngineInfo("lead", True), EngineInfo("extractive", True),
             EngineInfo("seq2seq", False, note["seq2seq"], takes_model=True),
             EngineInfo("generative", False, note["generative"], takes_model=True)]  # fmt: skip
    head = status_html(infos, None)
    assert "`" not in head and "python -m" not in head and "seq2seq" not in head and "ikke tilgængelig" not in head
    about = engines_html(infos)
    assert about.count("Resumémodel") == 1 and about.count("Sprogmodel (eksperimentel)") == 1
    assert about.count("ikke installeret") == 2 and "<code>python -m summarizer download</code>" in about
    assert "Artiklens første sætninger" in about


def test_times_are_copenhagen_time_on_the_page_and_in_the_exports(tmp_path: Path) -> None:
    store = Store(tmp_path / "valg.sqlite3")
    saved = store.save(Choice("t", "Broen åbner.", "=Broen åbner", "Broen åbner i 2031.", "lead", user="mette"))
    store._writer.execute("UPDATE choices SET saved_at = '2026-07-01T10:00:00+00:00'")  # summer: UTC+2
    saved = store.get(saved.id)
    assert "2026-07-01 12:00" in handlers.saved_note(saved)
    assert handlers.history_rows(store)[0][1:4] == ["2026-07-01 12:00", "mette", "skrevet selv"]
    assert "2026-07-01 12:00 af mette" in saved_html(saved)
    path = export_csv(store.recent(), tmp_path / "valg.csv")
    assert path.read_bytes().startswith("\ufeff".encode())  # the BOM: Danish Excel reads UTF-8
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, row = rows
    assert row[header.index("published")] == "2026-07-01 12:00:00"
    assert row[header.index("title")] == "'=Broen åbner"  # still neutralised
    record = export_jsonl(store.recent(), tmp_path / "valg.jsonl").read_text(encoding="utf-8")
    assert '"published": "2026-07-01T12:00:00+02:00"' in record


def test_each_notice_about_the_input_is_shown_once_and_not_again_in_the_cards() -> None:
    long_text = (WIRE + "\n\n") * 400
    result = handlers.summarise_desk(long_text, ["lead", "extractive"])
    assert any("200.000" in notice for notice in result.notices)  # the cut, from the library
    page = render.desk_html(result) + render.cards_html(result)
    for notice in result.notices:
        assert page.count(render.esc(str(notice))) == 1, notice


def test_a_boilerplate_line_is_never_taken_for_the_real_headline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The library's cleaning drops what it knows is boilerplate; a line it let through as the "headline" that
    # is_boilerplate knows is refused by the desk too, with a visible Danish notice.
    notice = "Mere følger om sagen senere i dag"
    monkeypatch.setattr(article_handlers, "is_boilerplate", lambda line: line.strip() == notice)
    text = f"{notice}\n\nBroen over Vejle Fjord åbner i 2031. Den koster 4,2 mia. kr.\n\nByrådet er glad for den."
    result = handlers.summarise_desk(text, ["lead"])
    assert result.article.headline is None and result.headline_from is None
    assert any("standardtekst" in n and notice in n for n in result.notices)
    assert "Rigtig rubrik" not in render.desk_html(result)


def test_the_archive_note_is_cleaned_by_the_library_before_the_desk_sees_it() -> None:
    text = "Artiklen er hentet i arkivet\n\nBroen over Vejle Fjord åbner i 2031. Den koster 4,2 mia. kr."
    result = handlers.summarise_desk(text, ["lead"])
    assert result.article.headline is None and "arkivet" not in render.desk_html(result)


def test_library_errors_are_shown_as_given_in_danish() -> None:
    with pytest.raises(Exception) as caught:
        handlers.summarise_desk("Artiklen fortsætter under annoncen\n\nLæs også: Sådan sparer du\n\n/ritzau/", ["lead"])
    message = handlers.friendly(caught.value)
    assert "kun standardtekst" in message and "the text" not in message


def test_a_missing_model_is_named_by_its_own_engine() -> None:
    # Issue 26: not every ModelUnavailable is "the summary model": the error's engine, else the one the desk ran.
    unnamed = ModelUnavailable("ingen model i mappen")
    assert handlers.friendly(unnamed, "generative").startswith(engine_name("generative") + " kan ikke bruges her")
    named = ModelUnavailable("ingen model i mappen", engine="seq2seq")
    assert handlers.friendly(named, "generative").startswith(engine_name("seq2seq") + " kan ikke bruges her")
    assert handlers.engine_notice("generative", ModelUnavailable("væk")).count(engine_name("generative")) == 1
