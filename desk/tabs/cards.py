"""The engines' cards on "Én artikel": one per engine, with its suggestions to click, and under them, in the same
card, the boxes to edit the picked headline and the lead, and "Gem valg"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from desk import handlers, render
from desk.store import Store
from desk.tabs.common import NO_STORE, fail, user
from summarizer.errors import SummarizerError

# One delegated listener per card: its copy buttons, and a click (or Enter) on a headline picks it: the card
# marks it at once and tells the server (`trigger`), which puts it in the card's edit box.
CARD_JS = """
element.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (button) {
    const text = button.getAttribute('data-copy');
    let ok = true;
    try { await navigator.clipboard.writeText(text); }
    catch (error) {
      const area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      ok = document.execCommand('copy'); area.remove();
    }
    const label = button.textContent;
    button.textContent = ok ? 'Kopieret ✓' : 'Kunne ikke kopiere';
    button.classList.add('done');
    setTimeout(() => { button.textContent = label; button.classList.remove('done'); }, 1500);
    return;
  }
  const item = event.target.closest('li[data-rank]');
  if (!item) return;
  element.querySelectorAll('li.picked').forEach((li) => li.classList.remove('picked'));
  item.classList.add('picked');
  trigger('click', {rank: Number(item.dataset.rank)});
});
element.addEventListener('keydown', (event) => {
  const item = event.target.closest && event.target.closest('li[data-rank]');
  if (item && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); item.click(); }
});
"""


@dataclass
class ChoicePanel:
    """One engine's card: the suggestions (HTML, a headline picked by clicking it), the boxes to edit the picked
    headline and the lead, "Gem valg", and their events."""

    name: str
    column: Any
    card: Any
    editing: Any
    rank: Any  # gr.State: the 0-based rank of the headline picked (None: none offered)
    headline: Any
    lead: Any
    save: Any
    status: Any

    def wire(self, last: Any, store: Store | None) -> None:
        def on_pick(result: handlers.DeskResult | None, event: gr.EventData) -> tuple[Any, Any]:
            offer = offered(result, self.name)
            try:
                rank = int(event._data.get("rank"))
            except (AttributeError, TypeError, ValueError):
                return gr.skip(), gr.skip()
            if offer is None or not 0 <= rank < len(offer.headlines):
                return gr.skip(), gr.skip()
            return rank, offer.headlines[rank]

        self.card.click(on_pick, [last], [self.rank, self.headline], api_visibility="private", queue=False)

        def on_save(
            result: handlers.DeskResult | None, rank: int | None, headline: str, lead: str, request: gr.Request
        ) -> str:
            # On any failure the editor's text stays in the boxes: only the message changes.
            try:
                if store is None:
                    raise SummarizerError(NO_STORE)
                if result is None:
                    raise SummarizerError("Lav et lead og rubrikker først; så kan du vælge og gemme.")
                saved = handlers.save_choice(store, result, self.name, headline, lead, rank, user(request))
            except Exception as error:
                return fail(error)
            note = handlers.saved_note(saved)
            gr.Info(note, title="Gemt", duration=4)
            return render.message_html(note, "notice")

        self.save.click(
            on_save, [last, self.rank, self.headline, self.lead], self.status, api_visibility="private",
            concurrency_id="save",
        )  # fmt: skip


def hidden_panel() -> list[Any]:
    """A card whose engine did not run: hidden, its boxes left as they are, its message cleared."""
    return [gr.Column(visible=False), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""]


def offered(result: handlers.DeskResult | None, name: str) -> Any:
    if result is None:
        return None
    return next((r.summary for r in result.results if r.engine == name and r.summary is not None), None)


def build_cards(names: list[str]) -> list[ChoicePanel]:
    """One hidden card per engine in `names`, side by side; shown when its engine has run."""
    panels: list[ChoicePanel] = []
    with gr.Row(equal_height=False, elem_id="desk-cards"):
        for name in names:
            with gr.Column(visible=False, min_width=280, elem_id=f"choose-{name}",
                           elem_classes=["engine-card", f"engine-{name}"]) as column:  # fmt: skip
                card = gr.HTML("", js_on_load=CARD_JS, elem_id=f"choose-{name}-card")
                with gr.Column(elem_classes=["card-edit"]) as editing:
                    headline_box = gr.Textbox(label="Valgt rubrik (kan rettes)", lines=1,
                                              elem_id=f"choose-{name}-headline")  # fmt: skip
                    lead_box = gr.Textbox(label="Lead (kan rettes)", lines=3, elem_id=f"choose-{name}-lead")
                    save_button = gr.Button("Gem valg", variant="primary", elem_id=f"choose-{name}-save")
                    saved_box = gr.HTML(elem_id=f"choose-{name}-status")
                rank = gr.State(None)
            panels.append(ChoicePanel(name, column, card, editing, rank, headline_box, lead_box, save_button,
                                      saved_box))  # fmt: skip
    return panels


def panel_outputs(panels: list[ChoicePanel]) -> list[Any]:
    """Every card's components, in the order `shown_panel` and `hidden_panel` give their updates."""
    return [c for p in panels for c in (p.column, p.card, p.editing, p.rank, p.headline, p.lead, p.status)]


def shown_panel(result: handlers.DeskResult, name: str) -> list[Any]:
    """A card whose engine ran: shown, its first headline picked and in the edit box with the lead (the edit
    boxes only when there is a result to edit)."""
    item = next((r for r in result.results if r.engine == name), None)
    if item is None:
        return hidden_panel()
    summary = item.summary
    headlines = list(summary.headlines) if summary is not None else []
    return [
        gr.Column(visible=True),
        render.card_html(result, name, picked=0),
        gr.Column(visible=summary is not None),
        0 if headlines else None,
        headlines[0] if headlines else "",
        summary.summary if summary is not None else "",
        "",
    ]


def hidden_panels(panels: list[ChoicePanel]) -> list[Any]:
    return [update for _ in panels for update in hidden_panel()]
