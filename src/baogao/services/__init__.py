"""Business logic on an injected database; the only layer the web app and the CLI call."""
