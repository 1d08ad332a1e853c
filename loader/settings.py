"""Connection and local-server settings, read from the environment once.

DESIGN §5: ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``,
defaulting to the local server. Project knobs are ``SIKERJA_*``. No password
is ever built in: without ``NEO4J_PASSWORD`` the password the local server
generated on its first start is read from the state folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent


class SettingsError(RuntimeError):
    """Configuration that cannot work; the message says what to set."""


def _repo_root() -> Path | None:
    """The source checkout when sikerja runs from one (editable install)."""
    root = PACKAGE_ROOT.parent
    if (root / "pyproject.toml").is_file() and (root / "loader" / "neo4j" / "pom.xml").is_file():
        return root
    return None


def state_dir() -> Path:
    """Where the local server keeps its build, data, logs and password.

    ``SIKERJA_STATE`` if set; else ``.sikerja/`` in the source checkout (ignored
    by git); else ``$XDG_STATE_HOME/sikerja``.
    """
    if env := os.environ.get("SIKERJA_STATE"):
        return Path(env).expanduser().resolve()
    if root := _repo_root():
        return root / ".sikerja"
    xdg = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(xdg) / "sikerja"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} bukan bilangan bulat") from None
    if not 0 < value < 65536:
        raise SettingsError(f"{name}={raw!r} di luar rentang port 1-65535")
    return value


@dataclass(frozen=True)
class ServerSettings:
    """The local Neo4j server sikerja runs itself."""

    home: Path
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @classmethod
    def from_env(cls) -> ServerSettings:
        return cls(
            home=state_dir() / "neo4j",
            bolt_port=_int_env("SIKERJA_BOLT_PORT", 7687),
            http_port=_int_env("SIKERJA_HTTP_PORT", 7474),
            heap=os.environ.get("SIKERJA_NEO4J_HEAP", "8g"),
            pagecache=os.environ.get("SIKERJA_NEO4J_PAGECACHE", "2g"),
        )


@dataclass(frozen=True)
class Settings:
    """How to reach Neo4j."""

    uri: str
    user: str
    password: str
    database: str

    @classmethod
    def from_env(cls) -> Settings:
        server = ServerSettings.from_env()
        uri = os.environ.get("NEO4J_URI") or f"bolt://127.0.0.1:{server.bolt_port}"
        password = os.environ.get("NEO4J_PASSWORD")
        if not password:
            if server.password_file.is_file():
                password = server.password_file.read_text(encoding="utf-8").strip()
            else:
                raise SettingsError(
                    "NEO4J_PASSWORD belum diatur dan server lokal belum pernah dijalankan "
                    f"({server.password_file} tidak ada). Jalankan `sikerja db start` atau atur NEO4J_PASSWORD."
                )
        return cls(
            uri=uri,
            user=os.environ.get("NEO4J_USER") or "neo4j",
            password=password,
            database=os.environ.get("NEO4J_DATABASE") or "neo4j",
        )
