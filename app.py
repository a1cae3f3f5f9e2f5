"""Serve the web app: `python app.py` is the same as `assistant serve`.

The app itself is `assistant.web.app`; `demo` is here too, as in Gradio's own demos.
"""

from assistant.web.app import demo, main

__all__ = ["demo", "main"]

if __name__ == "__main__":
    main()
