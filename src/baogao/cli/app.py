"""The Typer app, the global --db option, and output helpers shared by every command module."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Optional

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.table import Table

from baogao.config import Settings, load_settings
from baogao.errors import BaogaoError

err_console = Console(stderr=True)


class _Group(TyperGroup):
    """Translate the core's typed errors into a one-line message and exit code 2, for every command."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BaogaoError as exc:
            err_console.print(f"[red]错误[/red]: {exc}", highlight=False)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    name="baogao",
    help="baogao (报告): 政府工作报告的文库、阅读器与分析工具。A library, reader and analysis platform for Chinese government reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console()


@dataclass
class State:
    db_url: str | None = None
    _settings: Settings | None = None
    _db: Any = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(db=self.db_url)
        return self._settings


state = State()


@app.callback()
def _global(
    db: Optional[str] = typer.Option(
        None, "--db", envvar="BAOGAO_DB", help="Database URL: sqlite:///path.db or postgresql+psycopg://user@host/db (default: sqlite file in BAOGAO_HOME)."
    ),
) -> None:
    state.db_url = db
    state._settings = None
    state._db = None


def get_settings() -> Settings:
    return state.settings


def get_db():
    """The library database (migrated on first use)."""
    if state._db is None:
        from baogao.store.db import Database

        state._db = Database(state.settings.db)
    return state._db


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def emit_json(data: Any) -> None:
    sys.stdout.write(to_json(data) + "\n")


def emit_csv(rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or (list(rows[0].keys()) if rows else [])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(row.get(k)) for k in columns})
    sys.stdout.write(buf.getvalue())


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def emit_table(rows: Iterable[Iterable[Any]], columns: list[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for i, col in enumerate(columns):
        table.add_column(col, overflow="fold", no_wrap=(i == 0))  # the first column is an id
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise typer.BadParameter(f"{value!r} 不是可用的格式: {', '.join(allowed)}")
    return value
