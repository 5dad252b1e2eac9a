"""Settings from BAOGAO_* environment variables (and an optional TOML file), validated at start.

| variable              | default                                   | meaning                              |
|-----------------------|-------------------------------------------|--------------------------------------|
| BAOGAO_HOME           | ~/.local/share/baogao                     | data directory (library file, keys)  |
| BAOGAO_DB             | sqlite:///$BAOGAO_HOME/baogao.db          | SQLAlchemy URL (sqlite or postgresql+psycopg) |
| BAOGAO_CORPUS         | ../shared/corpus when it exists           | what `make run` imports              |
| BAOGAO_MAX_FILE_MB    | 50                                        | larger files are refused on import   |
| BAOGAO_MAX_UPLOAD_MB  | 20                                        | larger web uploads are refused       |
| BAOGAO_SECRET_KEY     | generated once into $BAOGAO_HOME/secret   | signs sessions and CSRF tokens       |
| BAOGAO_SECURE_COOKIES | 0                                         | 1 behind https: cookies get Secure   |
| BAOGAO_LLM_BASE_URL   | (unset: offline answers)                  | OpenAI-compatible endpoint           |
| BAOGAO_LLM_MODEL      |                                           | model name for that endpoint         |
| BAOGAO_LLM_API_KEY    |                                           | bearer token, if the endpoint needs one |
| BAOGAO_LLM_TIMEOUT    | 30                                        | seconds before falling back offline  |
| BAOGAO_INDICATORS     | (unset)                                   | extra indicator catalog files (YAML), ":"-separated, merged into the built-in one |
| BAOGAO_ASK_WORDS      | (unset)                                   | extra question-word files (YAML: synonyms, question words, cue words), ":"-separated, added to data/ask_words.yaml |
| BAOGAO_DEBUG          | (unset)                                   | 1: show Python tracebacks in the CLI |
| BAOGAO_CONFIG         | $BAOGAO_HOME/config.toml if it exists     | TOML file with the same keys (lower case, no prefix) |

Environment variables win over the TOML file.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from baogao.errors import ConfigError


def _default_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "baogao"


@dataclass(frozen=True)
class Settings:
    home: Path
    db: str
    corpus: Path | None
    max_file_mb: float = 50.0
    max_upload_mb: float = 20.0
    secret_key: str = ""
    secure_cookies: bool = False
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 30.0

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"配置文件无法读取 {path}: {exc}") from exc


def _as_bool(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _secret(home: Path) -> str:
    path = home / "secret"
    try:
        if path.exists():
            return path.read_text().strip()
        home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key
    except OSError:  # read-only home: a per-process key still works for one worker
        return secrets.token_urlsafe(48)


def load_settings(env: dict[str, str] | None = None, **overrides) -> Settings:
    """Build validated settings; ``overrides`` (e.g. db=...) win over everything."""
    env = dict(os.environ if env is None else env)
    home = Path(env.get("BAOGAO_HOME") or _default_home()).expanduser()
    cfg_path = Path(env["BAOGAO_CONFIG"]) if env.get("BAOGAO_CONFIG") else home / "config.toml"
    file_values = _read_toml(cfg_path) if cfg_path.exists() else {}
    names = {f.name for f in fields(Settings)}
    unknown = set(file_values) - names
    if unknown:
        raise ConfigError(f"配置文件 {cfg_path} 含未知设置: {', '.join(sorted(unknown))}")
    values: dict[str, object] = dict(file_values)
    for name in names:
        key = "BAOGAO_" + name.upper()
        if env.get(key) not in (None, ""):
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    values["home"] = home
    if not values.get("db"):
        values["db"] = f"sqlite:///{home / 'baogao.db'}"
    db = str(values["db"])
    if not (db.startswith("sqlite") or db.startswith("postgresql")):
        raise ConfigError(f"BAOGAO_DB 只支持 sqlite:/// 或 postgresql+psycopg:// 地址，收到: {db}")
    corpus = values.get("corpus")
    if corpus in (None, ""):
        default = Path("../shared/corpus")
        values["corpus"] = default.resolve() if default.exists() else None
    else:
        values["corpus"] = Path(str(corpus)).expanduser()
    try:
        for name in ("max_file_mb", "max_upload_mb", "llm_timeout"):
            if name in values:
                values[name] = float(values[name])  # type: ignore[arg-type]
                if values[name] <= 0:  # type: ignore[operator]
                    raise ValueError(f"{name} must be positive")
    except ValueError as exc:
        raise ConfigError(f"设置无效: {exc}") from exc
    if "secure_cookies" in values:
        values["secure_cookies"] = _as_bool(values["secure_cookies"])
    if not values.get("secret_key"):
        values["secret_key"] = _secret(home)
    return Settings(**values)  # type: ignore[arg-type]
