"""The web desk (`python app.py`): the Gradio page in `ui.py` (one module per tab in `tabs/`), pure handlers in
`handlers/` (one module per tab), HTML in `render.py`.

Handlers know nothing of Gradio, so they are tested as plain functions; the tabs only wire them to components and
turn their errors into friendly Danish messages.
"""
