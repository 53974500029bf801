"""`python app.py`: host and port from flags or environment, and a desk built once from start-up facts."""

from __future__ import annotations

from pathlib import Path

import pytest

import app
from desk import handlers
from summarizer import engines
from summarizer.engines import EngineInfo
from summarizer.options import BOUNDS, Options


def test_defaults_serve_on_localhost_7860(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESK_HOST", raising=False)
    monkeypatch.delenv("DESK_PORT", raising=False)
    args = app.parse_args([])
    assert (args.host, args.port, args.preload) == ("127.0.0.1", 7860, False)


def test_environment_sets_host_and_port_and_flags_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_HOST", "0.0.0.0")
    monkeypatch.setenv("DESK_PORT", "8123")
    args = app.parse_args([])
    assert (args.host, args.port) == ("0.0.0.0", 8123)
    args = app.parse_args(["--host", "127.0.0.1", "--port", "9001", "--preload"])
    assert (args.host, args.port, args.preload) == ("127.0.0.1", 9001, True)


def test_importing_the_app_switches_gradio_analytics_off() -> None:
    import os

    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_the_desk_is_built_from_start_up_facts_and_names_its_api_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    from desk.ui import build_demo, launch_options

    calls: list[str] = []
    monkeypatch.setattr(engines, "engine_status", lambda *a, **k: calls.append("engine_status") or [])
    infos = [EngineInfo("lead", True), EngineInfo("extractive", True), EngineInfo("seq2seq", False, "ingen model")]
    samples = handlers.find_samples(Path(app.SAMPLES))
    demo = build_demo(infos, samples, None, handlers.find_batch_samples(Path(app.SAMPLES)))
    assert calls == []  # availability is checked once in main(), not again while building or serving
    names = {fn.api_name for fn in demo.fns.values() if fn.api_visibility == "public"}
    assert {"summarise", "batch"} <= names
    config = demo.get_config_file()
    boxes = [c for c in config["components"] if c.get("props", {}).get("elem_id") == "desk-engines"]
    assert boxes and boxes[0]["props"]["value"] == ["lead", "extractive"]
    # The sliders' ranges are the library's bounds, their start its defaults (summarizer.options), on both tabs.
    sliders = {c["props"]["label"]: c["props"] for c in config["components"] if c.get("type") == "slider"}
    for labels, name in ((("Antal rubrikforslag", "Rubrikforslag"), "n_headlines"),
                         (("Leadets længde (højst ord)", "Ord i lead"), "max_summary_words"),
                         (("Tegngrænse for rubrikker", "Tegn i rubrik"), "max_headline_chars")):  # fmt: skip
        for label in labels:
            props = sliders[label]
            assert (props["minimum"], props["maximum"]) == BOUNDS[name]
            assert props["value"] == getattr(Options(), name)
    options = launch_options()
    assert options["footer_links"] == [] and options["run_history"] is False  # no English "Use via API"
    fonts = str(options["theme"].font) + str(options["theme"].font_mono)
    assert "googleapis" not in str(options["theme"]._stylesheets) and "system-ui" in fonts
