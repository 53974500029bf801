"""`WireError`: one item could not be read; the message is one line and names the item."""

from __future__ import annotations

from summarizer.errors import SummarizerError


class WireError(SummarizerError):
    """An input item could not be read (bad format, unsafe XML, undecodable bytes, ...).

    `item_id` is the id the item would have had (its own id when it could be read, else its
    location); `where` is its location: a path, ``archive.zip:member`` or ``feed.jsonl:17``.
    """

    def __init__(self, message: str, *, item_id: str | None = None, where: str | None = None) -> None:
        # Messages are for people: always a single line.
        super().__init__(" ".join(str(message).split()))
        self.item_id = item_id
        self.where = where

    def __reduce__(self):  # picklable across worker processes, keyword fields included
        return (_rebuild, (str(self), self.item_id, self.where))


def _rebuild(message: str, item_id: str | None, where: str | None) -> WireError:
    return WireError(message, item_id=item_id, where=where)
