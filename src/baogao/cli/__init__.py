"""The `baogao` command line. Each command is a thin call into baogao.services.

Command groups live in their own modules, listed in COMMAND_MODULES; importing a module
registers its commands on the shared Typer app.
"""

from __future__ import annotations

import importlib
import os
import sys

from baogao.cli.app import app, err_console

COMMAND_MODULES = [
    "baogao.cli.core",
    "baogao.cli.search",
    "baogao.cli.facts",
    "baogao.cli.ask",
    "baogao.cli.web",
]


def _load() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def main() -> None:
    from baogao.errors import BaogaoError

    _load()
    try:
        app()
    except BaogaoError as exc:
        err_console.print(f"[red]错误[/red]: {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a stack trace to a user unless asked for
        if os.environ.get("BAOGAO_DEBUG"):
            raise
        err_console.print(f"[red]内部错误[/red]: {type(exc).__name__}: {exc}（设置 BAOGAO_DEBUG=1 查看详情）", highlight=False)
        sys.exit(3)


_load()
