"""baogao (报告): a library, reader and analysis platform for Chinese government reports."""

__version__ = "0.1.0"


def __getattr__(name):  # lazy, so `import baogao` stays cheap for the CLI
    if name == "Library":
        from baogao.library import Library

        return Library
    raise AttributeError(name)


__all__ = ["Library", "__version__"]
