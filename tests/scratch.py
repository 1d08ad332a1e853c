"""A throwaway local Neo4j server for tests that kill or restart the server.

It runs beside the suite's server, from the same jars (hard-linked, so no Maven
build), with its own state folder, ports, password and a small heap. Tests that
kill a server use this one, never the shared one.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sikerja.loader import server
from sikerja.loader.settings import ServerSettings, Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ScratchServer:
    state: Path
    server: ServerSettings

    @classmethod
    def create(cls, state: Path) -> ScratchServer:
        lib = ServerSettings.from_env().home / "lib"
        home = state / "neo4j"
        home.mkdir(parents=True)
        if lib.is_dir():  # the suite's server is built: share its jars
            subprocess.run(["cp", "-al", str(lib), str(home / "lib")], check=True)
        s = ServerSettings(home=home, bolt_port=free_port(), http_port=free_port(), heap="1g", pagecache="256m")
        return cls(state=state, server=s)

    @property
    def env(self) -> dict[str, str]:
        """Environment for a `sikerja` subprocess that talks to this server."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env.update(SIKERJA_STATE=str(self.state), SIKERJA_BOLT_PORT=str(self.server.bolt_port),
                   SIKERJA_HTTP_PORT=str(self.server.http_port), SIKERJA_NEO4J_HEAP=self.server.heap,
                   SIKERJA_NEO4J_PAGECACHE=self.server.pagecache)
        return env

    @property
    def settings(self) -> Settings:
        password = (self.server.home / "password").read_text(encoding="utf-8").strip()
        return Settings(uri=f"bolt://127.0.0.1:{self.server.bolt_port}", user="neo4j", password=password,
                        database="neo4j")

    def start(self) -> None:
        old = os.environ.pop("NEO4J_PASSWORD", None)  # generate this server's own password
        try:
            server.start(self.server)
        finally:
            if old is not None:
                os.environ["NEO4J_PASSWORD"] = old

    def kill(self) -> None:
        """SIGKILL the server process: no shutdown, no flush."""
        pid = int((self.server.home / "run" / "sikerja-neo4j.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{pid}").exists() and not server._is_zombie(pid):
            pass

    def stop(self) -> None:
        server.stop(self.server)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.state, ignore_errors=True)


def sikerja(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    """Start the `sikerja` command as a subprocess."""
    return subprocess.Popen([sys.executable, "-m", "sikerja.loader.cli", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
