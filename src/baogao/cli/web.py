"""`baogao serve`: the reader web app under uvicorn (several workers share one database)."""

from __future__ import annotations

import os

import typer

from baogao.cli.app import app, console, get_db, get_settings


@app.command("serve")
def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (they share the database)."),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level: critical|error|warning|info|debug."),
) -> None:
    """启动阅读器网站 Start the web app (library, reader, search, notes, JSON API under /api/v1)."""
    import uvicorn

    from baogao.services.importing import ensure_derived

    settings = get_settings()
    db = get_db()  # migrate once here, not in every worker at the same moment
    ensure_derived(db)
    db.dispose()
    # the workers build their settings from the environment, like every command
    os.environ["BAOGAO_DB"] = settings.db
    os.environ["BAOGAO_SECRET_KEY"] = settings.secret_key  # one key for all workers
    console.print(f"报告文库: http://{host}:{port}/  (数据库 {db.safe_url}，{workers} 个进程；Ctrl+C 停止)", highlight=False)
    uvicorn.run(
        "baogao.web.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # asyncio, not uvloop: measured with benchmarks/web.py (wrk, 100 connections, 2 workers),
        # uvloop queues some requests far behind others (p99 10-20x p50, up to 1 s on a busy
        # machine) while asyncio keeps p99 near 2x p50 at about the same throughput
        loop="asyncio",
        log_level=log_level,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
