"""The Gradio web app: layout and handlers (`app`, `tabs/`), Markdown rendering
(`markdown`), sign-in (`auth`) and security headers (`guard`)."""
