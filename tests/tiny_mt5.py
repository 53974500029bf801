"""A tiny DanSumT5 look-alike, built from scratch in a few seconds for the seq2seq tests.

Same architecture and file layout as ``Danish-summarisation/DanSumT5-small`` on the Hub:
``config.json`` naming ``MT5ForConditionalGeneration`` with an untied ``lm_head``, a SentencePiece
``spiece.model`` (trained here on the project's own Danish samples and the sentences below),
``tokenizer_config.json`` and ``special_tokens_map.json`` in the transformers-4 layout (no
``"backend"`` key, no ``tokenizer.json``), ``generation_config.json`` with DanSumT5's settings scaled
down, and ``model.safetensors``. It is trained until it reproduces its three Danish targets, so
its output is deterministic and can be checked word for word.

Not a test module (no ``test_`` prefix): the test files import `build`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Three short wire stories written for these tests, with the summary and headline the tiny
# model learns for each. Real Danish: æ, ø, å, "mio. kr.", "kl. 6.30", a dash-led quote.
ARTICLES = [
    "Københavns Kommune vil plante 5.000 nye træer i byen inden 2030. Træerne skal give skygge og opsuge "
    "regnvand, når skybrud rammer byen. Ifølge borgmesteren koster planen 40 mio. kr., og arbejdet begynder "
    "på Amager til foråret.",
    "Et kraftigt stormvejr lukkede i nat Storebæltsbroen for al trafik. DSB aflyste alle tog mellem Fyn og "
    "Sjælland, og færgerne til Bornholm blev i havn. Broen åbnede igen kl. 6.30, oplyser Sund & Bælt.",
    "Aalborg Universitet får 12 mio. kr. til forskning i grøn brint. Pengene kommer fra Innovationsfonden, "
    "og projektet skal løbe i fire år. - Det er en stor dag for os, siger rektor Mette Holm.",
]
SUMMARIES = [
    "København planter 5.000 træer mod skybrud inden 2030.",
    "Storm lukkede Storebæltsbroen i nat, men den er åben igen.",
    "Aalborg Universitet får 12 mio. kr. til grøn brint.",
]
HEADLINES = [
    "5.000 nye træer skal redde København fra skybrud",
    "Storm lukkede Storebæltsbroen",
    "Millioner til grøn brint i Aalborg",
]

# More Danish the tokenizer should know: everyday newsroom phrasing, abbreviations, quotes.
EXTRA_SENTENCES = [
    "Regeringen vil bruge 2 mia. kr. på nye cykelstier, oplyser Transportministeriet.",
    "Søren købte æbler og pærer på torvet i Århus lørdag formiddag.",
    "Øresundsbroen blev lukket i nat på grund af storm og glat føre.",
    "Statsministeren mødes med de øvrige partier på Christiansborg kl. 13.11 i dag.",
    "- Det er en god dag for Danmark, siger ministeren til Ritzau.",
    "»Vi har ikke råd til at vente«, siger borgmesteren – og han får støtte fra oppositionen.",
    "Politiet efterlyser vidner til et indbrud i Odense natten til søndag den 24. februar.",
    "Ifølge Danmarks Statistik steg priserne med 3,4 pct. i januar, bl.a. på fødevarer.",
    "Folketinget vedtog tirsdag en ny lov om ældrepleje med 90 stemmer for og 12 imod.",
    "Vejdirektoratet advarer mod kø på motorvejen ved Køge efter et færdselsuheld.",
    "Næste år får 1.200 flere børn plads i vuggestuer i Aarhus, Aalborg og Esbjerg.",
    "Hospitalet i Hillerød mangler sygeplejersker, og ventetiden på operationer er vokset.",
]

#: DanSumT5's generation settings (num_beams 2, min_length 9, max_length 128, length_penalty 5.0,
#: no_repeat_ngram_size 3) with the lengths scaled down to the tiny model's short targets.
GENERATION_CONFIG = {
    "decoder_start_token_id": 0,
    "eos_token_id": 1,
    "pad_token_id": 0,
    "num_beams": 2,
    "min_length": 4,
    "max_length": 48,
    "length_penalty": 5.0,
    "no_repeat_ngram_size": 3,
}
MAX_INPUT_TOKENS = 1024
VOCAB_SIZE = 640  # SentencePiece pieces asked for; the model's embedding is padded above that, as in mT5


def corpus_lines() -> list[str]:
    """The text the SentencePiece model learns from: the project's samples and the sentences here."""
    lines: list[str] = []
    for path in sorted((ROOT / "data" / "samples" / "plain").glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the cp1252 sample is there to test decoding, not for this
            continue
        lines.extend(line.strip() for line in text.splitlines() if line.strip())
    for group in (ARTICLES, SUMMARIES, HEADLINES, EXTRA_SENTENCES):
        lines.extend(group)
    return lines


def train_spiece(folder: Path, lines: list[str] | None = None, vocab_size: int = VOCAB_SIZE) -> Path:
    """Train a unigram ``spiece.model`` with mT5's special ids (pad 0, eos 1, unk 2, no bos) on `lines`
    (this file's Danish corpus by default); ``scripts/bench_seq2seq.py`` trains its larger one here too."""
    import sentencepiece as spm

    model = io.BytesIO()
    lines = corpus_lines() * 2 if lines is None else lines
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    path = folder / "spiece.model"
    path.write_bytes(model.getvalue())
    return path


def write_tokenizer_files(folder: Path) -> None:
    """The transformers-4 tokenizer layout of mT5 / DanSumT5: no "backend" key, no tokenizer.json."""
    special = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
    config = {
        **special,
        "additional_special_tokens": None,
        "extra_ids": 0,
        "model_max_length": MAX_INPUT_TOKENS,
        "sp_model_kwargs": {},
        "special_tokens_map_file": None,
        "tokenizer_class": "T5Tokenizer",
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (folder / "special_tokens_map.json").write_text(json.dumps(special, indent=2), encoding="utf-8")


def build(folder: Path, *, task: str = "summary", steps: int = 120, lr: float = 1e-2, seed: int = 0) -> Path:
    """Build, train and save the tiny checkpoint in `folder`; returns `folder`.

    ``task="summary"`` learns article → summary, ``task="headline"`` article → headline (a
    stand-in for a newsroom's own headline checkpoint).
    """
    import sentencepiece as spm
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    spiece = train_spiece(folder)
    write_tokenizer_files(folder)
    sp = spm.SentencePieceProcessor(model_file=str(spiece))
    n_pieces = sp.get_piece_size()
    vocab_size = (n_pieces + 8 + 15) // 16 * 16  # padded like mT5 (250,100 pieces → 250,112 rows)

    torch.manual_seed(seed)
    config = MT5Config(
        vocab_size=vocab_size,
        d_model=64,
        d_kv=16,
        d_ff=128,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        relative_attention_num_buckets=32,
        relative_attention_max_distance=128,
        dropout_rate=0.0,
        feed_forward_proj="gated-gelu",
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    model = MT5ForConditionalGeneration(config)
    # mT5 keeps an lm_head separate from the shared embedding; transformers 5 ties them at
    # construction, so give the head its own weights to train, as in the real checkpoints.
    model.lm_head.weight = torch.nn.Parameter(model.shared.weight.detach().clone() * 0.5)

    targets = SUMMARIES if task == "summary" else HEADLINES
    sources = [sp.encode(text) + [1] for text in ARTICLES]
    labels = [sp.encode(text) + [1] for text in targets]
    input_ids = _pad(sources, 0)
    attention_mask = (input_ids != 0).long()
    label_ids = _pad(labels, -100)

    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    model.train()
    for _ in range(steps):
        loss = model(input_ids=input_ids, attention_mask=attention_mask, labels=label_ids).loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()

    model.save_pretrained(folder)
    _mark_untied(folder)
    (folder / "generation_config.json").write_text(json.dumps(GENERATION_CONFIG, indent=2), encoding="utf-8")
    return folder


def _pad(rows: list[list[int]], value: int):
    import torch

    width = max(len(row) for row in rows)
    return torch.tensor([row + [value] * (width - len(row)) for row in rows])


def _mark_untied(folder: Path) -> None:
    """Write ``"tie_word_embeddings": false`` as the Hub's mT5 configs do (transformers 5 writes true)."""
    path = folder / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["tie_word_embeddings"] = False
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
