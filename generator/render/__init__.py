"""Stage 3, render: the IR into package files with Jinja2 templates (overlayable), laid out and formatted as
black would, cached by content. Reads the IR; imports no write or workflow module."""
