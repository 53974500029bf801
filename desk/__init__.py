"""The web desk (`python app.py`): Gradio layout in `ui.py`, pure handlers in `handlers.py`, HTML in `render.py`.

Handlers know nothing of Gradio, so they are tested as plain functions; `ui.py` only wires
them to components and turns their errors into friendly Danish messages.
"""
