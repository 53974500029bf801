"""`WireError`: one item could not be read; the message is one line and names the item."""

from __future__ import annotations

from summarizer.errors import SummarizerError


class WireError(SummarizerError):
    """An input item could not be read (bad format, unsafe XML, undecodable bytes, ...).

    `item_id` is the id the item would have had (its own id when it could be read, else its
    location); `where` is its location: a path, ``archive.zip:member`` or ``feed.jsonl:17``.
    """

    code = "wire.error"

    def __init__(
        self,
        message: str = "",
        *,
        item_id: str | None = None,
        where: str | None = None,
        code: str | None = None,
        **params: object,
    ) -> None:
        # Messages are for people: always a single line (a catalogue code renders the Danish text).
        super().__init__(" ".join(str(message).split()), code=code, where=where, **params)
        self.args = (" ".join(str(self.args[0]).split()),)
        self.item_id = item_id
        self.where = where

    def __reduce__(self):  # picklable across worker processes, keyword fields and the code included
        return (_rebuild, (str(self), self.item_id, self.where, self.code))


def _rebuild(message: str, item_id: str | None, where: str | None, code: str = "wire.error") -> WireError:
    return WireError(message, item_id=item_id, where=where, code=code)
