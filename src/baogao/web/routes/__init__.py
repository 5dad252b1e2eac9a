"""Routers: pages (library, search), reader, accounts, notes, api (JSON under /api/v1)."""
