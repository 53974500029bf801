"""The desk's page, one module per tab: `article` ("Én artikel", with the engines' `cards`), `batch`, `history`
("Historik"), `statistics` ("Statistik"); `engines` is the "Om motorerne" panel and `api` the API-only endpoints
(``/summarise``, ``/save``). `desk.ui.build_demo` lays them out and wires them, a page of calls.

Each tab has a `build` (its components, laid out where it is called) and a `wire` (its events); every event
handler is a thin wrapper around `desk.handlers`, rendered with `desk.render`, with errors as Danish lines.
"""
