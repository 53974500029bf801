"""The one Danish message catalogue: every text an editor sees, keyed by a code.

The library raises and warns with a code (``"not_danish"``, ``"engine.generative.name"``); this module renders it
in Danish, so no caller matches English prefixes and a wording is changed in one place.

>>> text("engine.extractive.name")
'Udvalgte sætninger'
"""

from __future__ import annotations

#: code → Danish text; ``{name}``-style fields are filled from `text`'s keyword arguments.
CATALOGUE: dict[str, str] = {
    # Engines: display name and one line on what each does.
    "engine.lead.name": "Første sætninger",
    "engine.lead.about": "Artiklens første sætninger, som de står.",
    "engine.extractive.name": "Udvalgte sætninger",
    "engine.extractive.about": "De sætninger, der bedst bærer nyheden, valgt fra artiklen.",
    "engine.seq2seq.name": "Resumémodel",
    "engine.seq2seq.about": "En dansk resumémodel (DanSumT5), der omskriver artiklen.",
    "engine.generative.name": "Sprogmodel (eksperimentel)",
    "engine.generative.about": "Skriver selv rubrikker og lead; kan tage fejl af hvem der gjorde hvad, så læs efter.",
    # What each engine's fact check looks at (the desk says it on every card, so "no flags" never reads as "all
    # true"), and what it leaves to the editor; "engine.checked" for an engine with no text of its own.
    "engine.checked": "tal, navne og citater",
    "engine.generative.checked": "tal, navne, citater og hver sætnings udsagn (hvem gør hvad)",
    "engine.lead.not_checked": "Sætningerne er artiklens egne.",
    "engine.extractive.not_checked": "Sætningerne er artiklens egne, højst forkortet.",
    "engine.seq2seq.not_checked": "Om hvem der gjorde hvad står i artiklen, er ikke tjekket: læs efter.",
    "engine.generative.not_checked": "Tjekket fanger ikke alt: læs efter.",
    # Library errors and warnings (summarizer.api, structure, errors): what an editor meets about the input.
    "error": "Fejl.",
    "input.empty": "Teksten er tom: der er intet at resumere.",
    "input.only_headline": "Teksten er kun en rubrik ({headline}): indsæt hele artiklen.",
    "input.no_body": "Teksten har en rubrik eller en indledning, men ingen brødtekst at resumere.",
    "input.only_boilerplate": (
        "Der er intet tilbage efter rensningen: teksten er kun standardtekst (en annoncepause, en betalingsmur, "
        "et kildemærke eller »Læs også«). Indsæt selve artiklen."
    ),
    "input.no_words": (
        "Teksten har ingen ord at resumere, kun emoji, symboler eller tegnsætning ({start}). Indsæt selve artiklen."
    ),
    "input.not_text": "Forventede en tekst eller en Article, ikke {kind}.",
    "input.cut": "Teksten er for lang og er skåret ned til de første {kept} af {total} tegn.",
    "input.invalid_chars": (
        "{who}: {count} ugyldige tegn{where} (ødelagte \\ud800-koder) er erstattet med \ufffd (U+FFFD)."
    ),
    "input.invalid_char": "{who}: 1 ugyldigt tegn{where} (en ødelagt \\ud800-kode) er erstattet med \ufffd (U+FFFD).",
    "input.invalid_chars.where": " i {fields}",
    "input.the_text": "Teksten",
    "input.the_article": "Artiklen",
    "input.item": "Artikel {id}",
    "input.html_removed": "Teksten var HTML: koderne er fjernet, og kun teksten er brugt.",
    "input.mojibake": "Ødelagte tegn er rettet (fx »Ã¸« for »ø«): teksten var læst med forkert tegnsæt.",
    "input.not_danish": "Teksten ligner ikke dansk; resuméerne er lavet til danske nyheder.",
    "option.not_whole": "{name} skal være et helt tal mellem {low} og {high}, ikke {value}.",
    "option.out_of_range": "{name} skal være mellem {low} og {high}, ikke {value}.",
    "option.not_options": "options skal være et Options, ikke {kind}.",
    "option.help.n_headlines": "antal rubrikker (standard {default})",
    "option.help.max_summary_words": "højst så mange ord i resuméet (standard {default})",
    "option.help.max_headline_chars": "højst så mange tegn i en rubrik (standard {default})",
    "option.errors": "errors skal være 'raise' eller 'yield', ikke {value}.",
    "option.not_a_list": (
        "summarise_many tager en liste (eller en anden iterable) af tekster, ikke {kind}; "
        "brug summarise() til én tekst."
    ),
    "engine.unknown": "Ukendt motor {name}; vælg en af: {choices}.",
    "engine.no_name": "Motoren skal være et navn som 'auto', 'lead' eller 'extractive', ikke {value}.",
    "engine.takes_no_argument": "Motoren {name} tager intet argument efter ':' (fik {arg}); skriv bare {name}.",
    "engine.auto.reason": "Automatisk valg: der er ingen resumémodel her, og {why}; derfor blev {engine} brugt.",
    "engine.not_available": "Motoren {name} kan ikke bruges her.",
    "engine.could_not_start": "Motoren {name} kunne ikke starte: {reason}",
    "model.unavailable": "{engine} kan ikke bruges her: {reason}",
    "model.unavailable.unnamed": "Modellen kan ikke bruges her: {reason}",
    # seq2seq models (summarizer.engines.model_cache, seq2seq, seq2seq_backends, ct2): reasons and notes.
    "model.unknown_backend": "ukendt seq2seq-backend {backend}; vælg en af: {choices}",
    "model.no_ct2": "der er ingen CTranslate2-udgave af {model} her (kigget i {folder}); lav en med {how}",
    "model.is_ct2": "{model} er en CTranslate2-model: brug backend 'ct2' (fx `{model}@ct2`)",
    "model.no_folder": "modelmappen {model} findes ikke",
    "model.empty_folder": (
        "{model} indeholder ingen model: der skal være config.json med model.safetensors eller pytorch_model.bin, "
        "eller en CTranslate2-model.bin"
    ),
    "model.bad_id": "{model} er hverken en modelmappe eller et Hugging Face-model-id som {default}",
    "model.not_here": (
        "modellen {model} er ikke på denne maskine (ikke i Hugging Face-cachen {cache}); hent den én gang med "
        "`python -m summarizer download {model}` på en maskine, der kan nå Hugging Face"
    ),
    "model.offline_setting": "{name} er sat",
    "model.no_network": "kan ikke nå {host}:{port} ({why})",
    "model.cannot_download": "kan ikke hente {model}: {reason}; hent den på en maskine, der kan nå Hugging Face",
    "model.no_weights": "{model} har ingen PyTorch- eller safetensors-vægte at hente",
    "model.not_on_hub": "der er ingen model {model} på Hugging Face (eller den er privat)",
    "model.download_failed": "kan ikke hente {model}: {reason}",
    "model.needs_protobuf": (
        "tokenizeren i {folder} er en SentencePiece spiece.model, som transformers 5 læser med pakken protobuf: "
        "pip install protobuf==7.36.2"
    ),
    "model.cannot_load": "kan ikke indlæse modellen i {folder}: {reason}",
    "model.cannot_load_ct2": "kan ikke indlæse CTranslate2-modellen i {folder}: {reason}",
    "model.no_ct2_vocabulary": "{folder} har ingen CTranslate2-ordliste",
    "model.unknown_quantization": "ukendt kvantisering {quantization}; vælg en af: {choices}",
    "model.out_not_empty": "{out} findes allerede og er ikke tom; giv --force for at erstatte den",
    "model.unknown_setting": "ukendte indstillinger for tekstgenerering: {unknown}; kendte: {known}",
    "model.bad_headline_strategy": "headline_strategy skal være en af {choices}",
    "model.bad_batch_size": "batch_size skal være mindst 1",
    "seq2seq.input_cut": (
        "Artiklen er {tokens} tokens, og modellen læser højst {limit}: slutningen er skåret fra, og resuméet dækker "
        "kun begyndelsen."
    ),
    "seq2seq.empty_summary": "Modellen gav et tomt resumé.",
    "seq2seq.summary_cut": "Det genererede resumé er skåret ned til {words} ord.",
    # The command line (summarizer.__main__, summarizer.cli): what it prints around the results.
    # python -m summarizer finetune
    "finetune.description": "Lær en model husets stil fra jeres eget arkiv: et LoRA-adapter til leads og rubrikker.",
    "finetune.tasks": "--tasks: vælg blandt {tasks}",
    "finetune.no_data": "--data: {path} findes ikke",
    "finetune.no_rows": "ingen brugbare rækker i {path} (forkerte rækker: {bad})",
    "finetune.nothing_to_resume": "intet at fortsætte i {out}: der er intet checkpoint "
    "(kør uden --resume for at begynde)",
    "finetune.unfinished": "{out} rummer en kørsel, der ikke er færdig: tilføj --resume for at fortsætte, "
    "eller vælg en anden --out",
    "finetune.other_settings": "checkpointet er lavet med andre data eller indstillinger; begynd i en ny --out",
    "finetune.stopped": "stoppet; det sidste checkpoint ligger i {out}: tilføj --resume for at fortsætte",
    "finetune.stopped_sigterm": "stoppet (SIGTERM); tilføj --resume for at fortsætte fra {out}",
    "finetune.done": "færdig: {articles} artikler ({held_out} lagt til side), forkerte rækker: {bad}; "
    "loss {first} → {last}; modellen ligger i {out}",
    "finetune.none": "ingen",
    "finetune.no_start": "--start-from: {path} er ikke et færdigt adapter (ingen adapter_model.safetensors "
    "og summarizer-generative.json)",
    "finetune.start_mismatch": "--start-from: {path} er trænet på en anden basismodel eller LoRA-størrelse "
    "end denne kørsel",
    "finetune.short_body": "brødtekst under 10 ord efter rensning",
    # Data sets with the real headline and lead (summarizer.data): training, benchmark and fitting data.
    "data.unusable": "dataene kan ikke bruges",
    "data.not_found": "datafilen findes ikke: {path}",
    "data.not_datasets": "{path} er en mappe, men ikke en datasets-mappe gemt med save_to_disk",
    "data.unreadable": "kan ikke læse {path}: {error}",
    "data.bad_csv": "kan ikke læse {path} som CSV: {error}",
    "data.bad_parquet": "kan ikke læse {path} som Parquet: {error}",
    "data.bad_datasets": "kan ikke læse {path} som en datasets-mappe gemt med save_to_disk: {error}",
    "data.choose_split": "vælg en split med --split: {name} har {splits}",
    "data.no_splits": "{name} er ét datasæt uden splits; udelad --split",
    "data.unknown_format": "ukendt dataformat {fmt}",
    "data.unknown_field": "ukendt felt »{name}« (til {role_name}); {file} har: {columns}",
    "data.role.title": "rubrikken",
    "data.role.summary": "leadet",
    "data.role.text": "brødteksten",
    "data.no_rows": "ingen læsbare rækker i {path}: {reason}",
    "data.row.at": "{kind} på linje {line}{detail}",
    "data.row.missing_field": "manglende felt »{name}«",
    "data.row.empty_field": "tomt felt »{name}«",
    "data.row.bad_json": "ugyldig JSON",
    "data.row.not_object": "ikke et JSON-objekt",
    "data.row.bad_csv": "ugyldig CSV",
    "data.detail.json": ": {error} (kolonne {column})",
    "data.detail.csv": ": {error}",
    "data.detail.cells": ": {extra} celler mere end overskriftsrækken har",
    "cli.error": "fejl: {message}",
    "cli.warning": "advarsel: {message}",
    "cli.interrupted": "afbrudt",
    "cli.no_such_file": "filen findes ikke: {path}",
    "cli.is_folder": "{path} er en mappe; brug `python -m summarizer batch {path} --out resultater.jsonl`",
    "cli.cannot_read": "kan ikke læse {path}: {why}",
    "cli.give_a_file": "angiv en FIL, eller send teksten ind på standardinput med -",
    "cli.summary": "Resumé ({engine}):",
    "cli.headlines": "Rubrikker:",
    "cli.flag": "ikke i kilden ({kind}, {where}): {text}",
    "cli.flag.number": "tal",
    "cli.flag.name": "navn",
    "cli.flag.quote": "citat",
    "cli.where.summary": "resumé",
    "cli.where.headline": "rubrik {rank}",
    "cli.standard_input": "standardinput",
    "cli.published": "Udgivet: {when} (dansk tid)",
    "cli.model_help": (
        "modellen til den valgte motor: til seq2seq et Hugging Face-id eller en mappe (standard $SUMMARIZER_MODEL), "
        "til generative en mappe fra finetune (standard $SUMMARIZER_GENERATIVE_MODEL, ellers den medfølgende)"
    ),
    "cli.backend_help": "seq2seq-backend (standard transformers)",
    "download.about": "Hent en resumémodel (seq2seq) til Hugging Face-cachen, så den siden virker uden net.",
    "download.model_help": "et Hugging Face-model-id (standard {default})",
    "download.revision_help": "en gren, et tag eller et commit (standard: main)",
    "download.done": "{model} ligger i cachen: {folder}",
    "download.use": "brug den med --engine seq2seq:{model} (eller SUMMARIZER_MODEL={model}); den virker nu uden net",
    "convert.about": "Omsæt en resumémodel (en mappe eller en model i cachen) til CTranslate2 (backend ct2).",
    "convert.model_help": "en mappe eller et Hub-id i cachen (standard {default})",
    "convert.quantization_help": "vægttype (standard int8)",
    "convert.out_help": "mappen, den skrives til (standard: mappen, ct2-backenden leder i)",
    "convert.force_help": "erstat en mappe, der ikke er tom",
    "convert.done": "{model} ({quantization}) er omsat til {folder}",
    "convert.use_folder": "brug den med --engine seq2seq:{folder}",
    "convert.use_ct2": "brug den med --engine seq2seq:{model}@ct2 (eller SUMMARIZER_BACKEND=ct2)",
    "internal_error": "intern fejl: {kind}: {message}",
    # The batch (summarizer.batch, ray_batch, results): its options, set-up errors, notes and closing line.
    "batch.about": "Resumér alle artikler i en mappe, et arkiv eller et feed: én resultatlinje pr. artikel.",
    "batch.input_help": "en mappe, et mønster (i anførselstegn), en JSONL-, CSV- eller Parquet-fil eller en ZIP",
    "batch.out_help": (
        "resultaterne, én JSON-linje pr. artikel (lægges til, så en afbrudt kørsel kan genoptages; artikler, der "
        "fejlede, prøves igen); - skriver linjerne på standardoutput; med --ray en mappe"
    ),
    "batch.csv_help": "skriv også alle resultater som CSV til dansk Excel (semikolon, UTF-8 med BOM)",
    "batch.engine_help": "en af: auto, {names} (standard: auto)",
    "batch.workers_help": "antal arbejdsprocesser (standard 1)",
    "batch.chunk_help": "artikler pr. kald til motoren (standard 16)",
    "batch.quiet_help": "ingen fremdriftslinje",
    "batch.verbose_help": "sig også hvorfor auto valgte den motor, den valgte",
    "batch.ray_group": "på Ray Data (OUT er så en mappe med resultatfiler)",
    "batch.ray_help": "kør på Ray: en kørende klynge (RAY_ADDRESS), en lokal (auto) eller ADRESSE",
    "batch.actors_help": "antal motor-aktører (standard 1)",
    "batch.gpus_help": "GPU'er pr. aktør",
    "batch.batch_size_help": "artikler pr. kald til en aktør (standard 16)",
    "batch.format_help": "resultatfiler i OUT: results.jsonl eller part-NNNNN.parquet",
    "batch.at_least_one": "--workers, --chunk, --actors og --batch-size skal være mindst 1",
    "batch.negative_gpus": "--gpus-per-actor må ikke være negativ",
    "batch.stdout_with_ray": "med --ray er OUT en mappe; --out - (standardoutput) virker kun uden --ray",
    "batch.csv_with_stdout": "--csv kræver --out FIL: resultaterne på standardoutput kan ikke læses igen",
    "batch.out_is_csv": ("--out skrives som JSONL (én JSON-linje pr. artikel); til Excel: --out {jsonl} --csv {out}"),
    "batch.worker_died": "en arbejdsproces døde (for lidt hukommelse?); {out} er gyldig, kør igen for at genoptage",
    "batch.cannot_write": "kan ikke skrive {out}: {why}; kør igen for at genoptage",
    "batch.stopped": "kørslen stoppede: {kind}: {message}; {out} er gyldig, kør igen for at genoptage",
    "batch.out_is_input": "--out {out} er selve input; giv en anden fil til resultaterne, fx resultater.jsonl",
    "batch.cannot_write_out": "kan ikke skrive --out {out}: {why}",
    "batch.cannot_read_out": "kan ikke læse --out {out}: {why}",
    "batch.out_is_folder": "--out {out} er en mappe; giv et filnavn som resultater.jsonl",
    "batch.out_not_file": "--out {out} er ikke en almindelig fil; giv et filnavn som resultater.jsonl",
    "batch.not_results": (
        "--out {out} er ikke en resultatfil (der er ingen resultatlinje i den); giv et nyt filnavn, eller "
        "resultatfilen fra en tidligere kørsel for at genoptage den"
    ),
    "batch.torn_line": (
        "{out}: en halv sidste linje ({size} byte) fra en afbrudt kørsel er fjernet; den artikel køres igen"
    ),
    "batch.not_a_result_line": "{out} linje {number} er ikke en resultatlinje; den er ladt stå",
    "batch.more_not_result_lines": "{out}: {count} linjer mere er ikke resultatlinjer; de er ladt stå",
    "batch.retrying.one": "1 artikel, der fejlede i en tidligere kørsel, prøves igen",
    "batch.retrying": "{count} artikler, der fejlede i en tidligere kørsel, prøves igen",
    "batch.finished": "færdig",
    "batch.interrupted": "afbrudt",
    "batch.closing": (
        "batch {state}: {done} klar, {skipped} sprunget over (findes allerede i {out}), {failed} fejlede"
        "{retried} – {handled} behandlet på {seconds} s ({rate} artikler/s{rate_note}), {how}"
    ),
    "batch.closing.retried": "; {count} prøvet igen",
    "batch.closing.resume": "; kør samme kommando igen for at genoptage",
    "batch.closing.engine": "motor {engine}",
    "batch.closing.stdout": "standardoutput",
    "batch.csv_written": "CSV til Excel: {path} ({rows} rækker)",
    "batch.ray_missing": "--ray kræver Ray Data: pip install 'ray[data]==2.60.0' (eller kør uden --ray)",
    "ray.out_is_file": "--out {out} er en fil; med --ray er OUT en mappe med resultatfiler",
    "ray.out_is_input": "--out {out} er selve input (eller har det som {name}); giv en anden mappe til resultaterne",
    "ray.part_unreadable": "{path} kunne ikke læses ({kind}); dens artikler køres igen",
    "ray.local": "en lokal Ray",
    "ray.cannot_start": "kunne ikke starte eller nå Ray ({where}): {kind}: {message}",
    "ray.interrupted_early": "batch afbrudt før det første resultat; kør samme kommando igen",
    "ray.stopped": "Ray-kørslen stoppede: {kind}: {message}; {out} er gyldig, kør igen for at genoptage",
    "ray.how": "motor {engine} på Ray med {actors} aktør(er)",
    "ray.startup": "; opstart {seconds} s",
    "dataset.names_not_text": "text_column og prefix skal være tekst (kolonnenavne)",
    "dataset.no_column": "datasættet har ingen kolonne {column} (det har: {found})",
    "dataset.clash": "datasættet har allerede kolonnen/kolonnerne {columns}; giv prefix='pred_' for at beholde begge",
    "result.unwritable": "resultatet kunne ikke skrives: {reason}",
    "result.not_unicode": "det indeholder tekst, der ikke er gyldig Unicode (en enlig surrogat som \\ud800)",
    # The wire readers (summarizer.wire): an item that cannot be read, or what was guessed to read it.
    "wire.error": "Artiklen kunne ikke læses.",
    "wire.bound_exceeded": "Input er for stort.",
    "wire.no_text_field": "{where}: posten har intet 'text'-felt (artiklens brødtekst)",
    "wire.mojibake_fields": "{where}: ødelagte tegn er rettet i {fields}",
    "wire.lead_cut": "{where}: brødteksten begyndte med leadet; leadet er taget ud af brødteksten",
    "wire.not_json": "{where}: ikke et JSON-objekt: {error}",
    "wire.not_an_object": "{where}: forventede et JSON-objekt, fik {kind}",
    "wire.bad_csv_header": "{where}: CSV-filens første linje (kolonnenavnene) kan ikke læses: {error}",
    "wire.no_text_column": "{where}: {kind}-filen har ingen kolonne 'text' (fandt: {found})",
    "wire.bad_csv_row": "{where}: CSV-rækken kan ikke læses: {error}",
    "wire.cell_count": "{where}: {cells} celler, hvor kolonnenavnene er {header}",
    "wire.bad_parquet": "{where}: Parquet-filen kan ikke læses: {error}",
    "wire.bad_parquet_rows": "{where}: Parquet-rækkerne kan ikke læses: {error}",
    "wire.bad_bom": "{name}: begynder med et {codec}-byte-order-mark, men er ikke {codec}",
    "wire.binary_nul": "{name}: ikke tekst (filen indeholder NUL-byte; et billede, en PDF eller en anden binær fil?)",
    "wire.binary": "{name}: ikke tekst (hverken UTF-8 eller cp1252; en binær fil?)",
    "wire.unknown_declared": "{name}: ukendt tegnsæt {declared} angivet; tegnsættet er gættet i stedet",
    "wire.not_as_declared": "{name}: ikke gyldig {declared} som angivet; tegnsættet er gættet i stedet",
    "wire.declared_utf8_not": "{name}: angivet som UTF-8, men er det ikke; læst som cp1252 (Windows Latin-1)",
    "wire.not_utf8": "{name}: ikke UTF-8; læst som cp1252 (Windows Latin-1)",
    "wire.duplicate_id": "id {key} findes mere end én gang i dette input; denne artikel er {new_key}",
    "wire.nothing_matches": "intet passer til {pattern}",
    "wire.no_such_path": "filen eller mappen findes ikke: {path}",
    "wire.cannot_read": "{where}: kan ikke læses: {why}",
    "wire.item_too_large": "{where}: større end {size}, for stor til én nyhed",
    "wire.member_too_large": "{where}: {size} udpakket er for stor til én nyhed",
    "wire.bad_zip": "{where}: ZIP-arkivet kan ikke læses: {error}",
    "wire.encrypted_member": "{where}: filen i ZIP-arkivet er krypteret",
    "wire.bad_member": "{where}: filen i ZIP-arkivet kan ikke læses: {error}",
    "wire.nested_zip": "{where}: ZIP-arkiver inde i ZIP-arkiver læses ikke; pak det ud først",
    "wire.pass_bytes": " (giv bytes for at læse en tekst: read_article(tekst.encode()))",
    "wire.no_such_file": "filen findes ikke: {path}{hint}",
    "wire.is_folder": "{path} er en mappe; læs den med iter_articles (eller python -m summarizer batch)",
    "wire.file_too_large": "{name}: {size} er for stor til én nyhed; læs feeds med iter_articles",
    "wire.several_items": (
        "{name} indeholder {count} artikler; læs den med iter_articles (eller python -m summarizer batch)"
    ),
    "wire.too_large": "{name}: for stor til én nyhed",
    "wire.zip_given": "{name} er et ZIP-arkiv med {count} filer; læs det med iter_articles",
    "wire.unknown_xml": "{name}: XML med roden <{root}> er hverken Ritzau RBNews, NITF eller NewsML-G2",
    "wire.too_deep": "{name}: afvist: elementerne ligger for dybt i hinanden",
    "wire.empty.ritzau": "{name}: Ritzau-artiklen har intet indhold (content)",
    "wire.empty.nitf": "{name}: NITF-dokumentet har intet body.content",
    "wire.empty.newsml": "{name}: NewsML-G2-artiklen har intet tekstindhold (inlineXML/inlineData)",
    "wire.empty.html": "{name}: HTML-siden har ingen tekstafsnit",
    "wire.empty_ritzau_feed": "{name}: Ritzau-feedet indeholder ingen RBNews-artikler",
    "wire.ritzau_flash": "Ritzau-flash: en kort breaking-melding uden rubrik eller lead i feedet",
    "wire.xml_too_large": "{name}: XML på {chars} tegn er for stor til én nyhed",
    "wire.xml_entity": (
        "{name}: usikker XML afvist: den erklærer entiteten {entity}{target} (entiteter og eksterne entiteter "
        "tillades ikke)"
    ),
    "wire.xml_external": "{name}: usikker XML afvist: ekstern henvisning til {target}",
    "wire.xml_dtd": "{name}: usikker XML afvist: indlejret DTD",
    "wire.xml_unsafe": "{name}: usikker XML afvist: {kind}",
    "wire.xml_malformed": "{name}: ikke velformet XML: {error}",
    # The generative engine (summarizer/engines/generative.py): what it left out, and why.
    "generative.truncated": (
        "Sprogmodellen læser kun artiklens første {limit} tokens (af {total}): lead og rubrikker dækker kun "
        "begyndelsen."
    ),
    "generative.empty_lead": "Sprogmodellen gav intet lead.",
    "generative.no_lead": "Sprogmodellen gav intet lead, som artiklen bærer; det er udeladt.",
    "generative.lead_cut": "Leadet er forkortet til de sætninger, artiklen bærer ({dropped} udeladt).",
    "generative.no_headlines": "Sprogmodellen gav ingen rubrik, som artiklen bærer; de er udeladt.",
    "generative.fewer_headlines": (
        "Sprogmodellen gav kun {shown} rubrikker, som artiklen bærer; {dropped} andre er udeladt, fordi artiklen "
        "ikke siger det, eller fordi et citat ikke er sagt sådan."
    ),
    "generative.not_usable": "sprogmodellen kan ikke bruges ({error})",
    "generative.not_measured": "sprogmodellen er ikke målt mod {engine} (scripts/bench_generative.py)",
    "generative.did_not_beat": (
        "sprogmodellen slog ikke {engine} på rubrikker i sin måling (øverste rubrik ROUGE-1 {generative} mod "
        "{extractive})"
    ),
}


def text(code: str, **params: object) -> str:
    """The Danish text for `code`, its fields filled in; an unknown code is shown as itself, never dropped."""
    template = CATALOGUE.get(code)
    if template is None:
        return code
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a field the caller did not give stays visible, never a crash
        return template.format_map(_Missing(params))


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def engine_name(name: str) -> str:
    """An engine's Danish display name (``"extractive"`` → ``"Udvalgte sætninger"``); unknown engines keep theirs."""
    return CATALOGUE.get(f"engine.{name}.name", name)


def engine_about(name: str) -> str:
    """One Danish line on what an engine does ("" for an engine the catalogue does not know)."""
    return CATALOGUE.get(f"engine.{name}.about", "")


def engine_checks(name: str) -> tuple[str, str]:
    """What an engine's fact check looks at, and what it leaves to the editor ("" when nothing is said)."""
    checked = CATALOGUE.get(f"engine.{name}.checked", CATALOGUE["engine.checked"])
    return checked, CATALOGUE.get(f"engine.{name}.not_checked", "")


class Message(str):
    """A Danish text that remembers its code: a plain `str` to JSON, to the page and in ``==``, so warnings stay a
    list of strings, while a program can still ask ``warning.code`` (never match the words).

    >>> m = message("input.not_danish")
    >>> m.code, isinstance(m, str)
    ('input.not_danish', True)
    """

    code: str
    params: dict[str, object]

    def __new__(cls, code: str, **params: object) -> Message:
        made = super().__new__(cls, text(code, **params))
        made.code = code
        made.params = params
        return made

    def __reduce__(self) -> tuple[object, ...]:  # pickles to worker processes and back with its code
        return (_rebuild_message, (self.code, str(self), self.params))


def _rebuild_message(code: str, rendered: str, params: dict[str, object]) -> Message:
    made = str.__new__(Message, rendered)
    made.code = code
    made.params = params
    return made


def message(code: str, **params: object) -> Message:
    """The catalogue's Danish text for `code` as a `Message` (a `str` carrying its code)."""
    return Message(code, **params)


def code_of(note: str) -> str | None:
    """The code of a warning or message (None for a plain string from elsewhere)."""
    return getattr(note, "code", None)


#: argparse's own texts (its gettext msgids, Python 3.11+) in Danish, so a command's help, usage and usage errors
#: speak Danish too: `summarizer.cli.Parser` looks them up here; a text not listed stays as argparse has it.
ARGPARSE_DANISH: dict[str, str] = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "the following arguments are required: %s": "mangler: %s",
    "expected one argument": "mangler en værdi",
    "expected at most one argument": "højst én værdi",
    "expected at least one argument": "mindst én værdi",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s kan være %(matches)s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "one of the arguments %s is required": "et af argumenterne %s skal med",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "overflødig værdi %r",
}
