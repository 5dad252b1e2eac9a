"""The reader web app (FastAPI + Jinja2): see baogao.web.app.create_app."""
