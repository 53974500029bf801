"""`summarise_dataset`: a Hugging Face Dataset in, the same rows out with summary columns, no row lost."""

from __future__ import annotations

import pytest
from datasets import Dataset

from summarizer import SummarizerError
from summarizer.hf_datasets import summarise_dataset

ROWS = [
    {
        "title": "Vejle Å går over sine bredder",
        "summary": "Beredskabet har lagt sandsække ud i Vejle midtby.",
        "text": "Beredskab Trekantområdet har natten til torsdag lagt over 2.000 sandsække ud langs Vejle Å.\n\n"
        "Vandstanden nåede kl. 5.30 op på 1,9 meter over daglig vande, oplyser kommunen.",
    },
    {"title": "Kun en rubrik", "summary": "Og en manchet.", "text": ""},
    {
        "title": "Roskilde Festival udsolgt",
        "summary": "Billetterne blev revet væk.",
        "text": "Roskilde Festival meldte tirsdag kl. 11.47 udsolgt af partoutbilletter.\n\n"
        "- Vi er selvfølgelig glade, siger pressechef Christina Bilde.",
    },
] * 4


def test_each_row_gets_summary_headlines_engine_flags_and_the_real_lead_is_kept() -> None:
    ds = Dataset.from_list(ROWS)
    result = summarise_dataset(ds, engine="extractive", prefix="pred_", batch_size=5)
    assert len(result) == len(ds)
    assert result.column_names[:3] == ["title", "summary", "text"]
    assert result["summary"] == ds["summary"]  # the real lead is untouched
    first = result[0]
    assert first["pred_engine"] == "extractive"
    assert first["pred_summary"].startswith("Beredskab Trekantområdet")
    assert 1 <= len(first["pred_headlines"]) <= 5
    assert isinstance(first["pred_flags"], list) and first["pred_error"] is None


def test_a_row_without_text_gets_its_error_and_no_row_is_dropped() -> None:
    result = summarise_dataset(Dataset.from_list(ROWS), engine="lead", prefix="pred_")
    errors = [row["pred_error"] for row in result]
    assert sum(error is not None for error in errors) == 4
    assert all(result[i]["pred_summary"] is None and "Teksten" in errors[i] for i in range(1, len(ROWS), 3))


def test_num_proc_gives_the_same_columns_as_one_process() -> None:
    ds = Dataset.from_list(ROWS)
    one = summarise_dataset(ds, engine="lead", prefix="pred_", batch_size=4)
    two = summarise_dataset(ds, engine="lead", prefix="pred_", batch_size=4, num_proc=2)
    assert two["pred_summary"] == one["pred_summary"]
    assert two["pred_headlines"] == one["pred_headlines"]


def test_a_column_clash_is_a_clear_error_naming_the_way_out() -> None:
    with pytest.raises(SummarizerError, match="prefix='pred_'"):
        summarise_dataset(Dataset.from_list(ROWS), engine="lead")


def test_a_dataset_with_only_text_works_without_title_or_summary_columns() -> None:
    ds = Dataset.from_list([{"text": ROWS[0]["text"]}])
    assert summarise_dataset(ds, engine="lead")[0]["summary"].startswith("Beredskab Trekantområdet")


def test_a_missing_text_column_is_named() -> None:
    with pytest.raises(SummarizerError, match="ingen kolonne 'body'"):
        summarise_dataset(Dataset.from_list(ROWS), text_column="body", prefix="p_")
