"""The editor's check against the editor: precision and recall on the codes it can see, over the 490 labelled texts.

    .venv/bin/python -m scripts.validate_checks            # figures per code and in all
    .venv/bin/python -m scripts.validate_checks --show fragment   # the disagreements on one code

Reads ../shared/reference/editor-judgements.jsonl and the bodies in ../shared/data/danewsroom-dev.jsonl.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eval.editor_labels import LABELS_PATH, agreement, load_labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS_PATH)
    parser.add_argument("--show", help="print the texts where check and editor disagree on this code")
    args = parser.parse_args()
    labelled = load_labels(args.labels)
    result = agreement(labelled)
    print(f"{'code':20} {'editor':>6} {'check':>6} {'both':>5} {'precision':>9} {'recall':>6}")
    for code, row in result.per_code.items():
        print(f"{code:20} {row.editor:6d} {row.check:6d} {row.both:5d} {row.precision:9.2f} {row.recall:6.2f}")
    total = result.total
    print(
        f"{'all mechanical':20} {total.editor:6d} {total.check:6d} {total.both:5d} "
        f"{total.precision:9.2f} {total.recall:6.2f}"
    )
    print(f"texts: {len(labelled)}")
    if args.show:
        for item, found in zip(labelled, result.found, strict=True):
            said, seen = args.show in item.codes, args.show in found
            if said != seen:
                tag = "MISSED" if said else "EXTRA "
                print(
                    f"{tag} {item.source}/{item.kind}: {item.text[:140]!r}  codes={sorted(item.codes)}  "
                    f"note={item.note[:90]!r}"
                )


if __name__ == "__main__":
    main()
