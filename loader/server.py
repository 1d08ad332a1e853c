"""The local Neo4j 5.26 Community server, built from Maven Central, on loopback.

``loader/neo4j/pom.xml`` names the artifacts; the first start resolves them
with Maven into ``<state>/neo4j/lib`` and later starts reuse them. The server
is Neo4j's own ``CommunityEntryPoint`` (Bolt, HTTP and Neo4j Browser) reading
a ``neo4j.conf`` written here from :class:`ServerSettings`.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from sikerja.loader.settings import PACKAGE_ROOT, ServerSettings

POM = PACKAGE_ROOT / "neo4j" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
)


class ServerError(RuntimeError):
    """The local server could not be built, started or stopped; the message says why and where to look."""


def _lib(s: ServerSettings) -> Path:
    return s.home / "lib"


def _pid_file(s: ServerSettings) -> Path:
    return s.home / "run" / "sikerja-neo4j.pid"


def _console_log(s: ServerSettings) -> Path:
    return s.log_dir / "console.log"


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def build(s: ServerSettings, *, quiet: bool = True) -> Path:
    """Resolve the server's jars with Maven unless the current pom's are there."""
    lib = _lib(s)
    stamp = lib / ".pom-sha256"
    if stamp.is_file() and stamp.read_text().strip() == _pom_digest():
        return lib
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise ServerError("Java 17 dan Maven dibutuhkan untuk membangun server Neo4j lokal (java, mvn tidak ditemukan)")
    staging = lib.with_name("lib.partial")
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [
        "mvn", "-B", *(["-q"] if quiet else []), "-f", str(POM),
        "dependency:copy-dependencies", f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
    ]
    proc = subprocess.run(cmd, capture_output=quiet, text=True)
    if proc.returncode != 0:
        detail = (proc.stdout or "")[-3000:] + (proc.stderr or "")[-2000:] if quiet else ""
        raise ServerError(f"Maven gagal membangun Neo4j (exit {proc.returncode}).\n{detail}")
    (staging / ".pom-sha256").write_text(_pom_digest())
    shutil.rmtree(lib, ignore_errors=True)
    staging.rename(lib)  # a half-resolved folder is never taken for a build
    return lib


def _conf(s: ServerSettings) -> str:
    return "\n".join(
        (
            "# Written by sikerja on every start; edit SIKERJA_* variables instead.",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{s.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{s.http_port}",
            "server.https.enabled=false",
            f"server.memory.heap.initial_size={s.heap}",
            f"server.memory.heap.max_size={s.heap}",
            f"server.memory.pagecache.size={s.pagecache}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "db.tx_log.rotation.size=64M",
            "db.tx_log.rotation.retention_policy=2 files",
            f"server.directories.logs={s.log_dir}",
            "",
        )
    )


def _ensure_password(s: ServerSettings, classpath: str) -> None:
    """Set the initial password before the first start: NEO4J_PASSWORD, or a generated one kept 0600."""
    if (s.home / "data" / "dbms" / "auth.ini").is_file():
        return
    # A generated password starts with a letter: one starting with '-' would be read as an option.
    password = os.environ.get("NEO4J_PASSWORD") or "s" + secrets.token_urlsafe(24)
    if password.startswith("-"):
        raise ServerError("NEO4J_PASSWORD tidak boleh diawali '-' (neo4j-admin membacanya sebagai opsi)")
    if len(password) < 8:
        raise ServerError("NEO4J_PASSWORD harus minimal 8 karakter (aturan Neo4j)")
    proc = subprocess.run(
        ["java", "-cp", classpath, ADMIN_TOOL, "dbms", "set-initial-password", password],
        env=_env(s), capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise ServerError(f"gagal menetapkan kata sandi awal Neo4j:\n{proc.stdout}{proc.stderr}")
    fd = os.open(s.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password + "\n")


def _env(s: ServerSettings) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(s.home)
    env["NEO4J_CONF"] = str(s.home / "conf")
    return env


def _read_pid(s: ServerSettings) -> int | None:
    try:
        pid = int(_pid_file(s).read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    args = [a.decode(errors="replace") for a in cmdline]
    if ENTRY_POINT in args and f"--home-dir={s.home}" in args:
        return pid
    return None  # stale pid file or a reused pid


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _bolt_answers(s: ServerSettings) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    if not s.password_file.is_file() and not os.environ.get("NEO4J_PASSWORD"):
        return _port_open(s.bolt_port)
    password = os.environ.get("NEO4J_PASSWORD") or s.password_file.read_text().strip()
    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{s.bolt_port}", auth=("neo4j", password)) as d:
            d.verify_connectivity()
            return True
    except AuthError:
        raise ServerError(
            "Neo4j lokal menolak kata sandi: NEO4J_PASSWORD berbeda dengan kata sandi yang dipakai saat server "
            f"pertama dijalankan (tersimpan di {s.password_file})."
        ) from None
    except (ServiceUnavailable, Neo4jError, OSError):
        return False


def status(s: ServerSettings) -> tuple[bool, str]:
    pid = _read_pid(s)
    if pid is None:
        return False, "Neo4j lokal tidak berjalan"
    if not _bolt_answers(s):
        return False, f"Neo4j lokal (pid {pid}) berjalan tetapi Bolt 127.0.0.1:{s.bolt_port} belum menjawab"
    return True, f"Neo4j lokal berjalan (pid {pid}), bolt://127.0.0.1:{s.bolt_port}, Browser http://127.0.0.1:{s.http_port}/browser/"


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start(s: ServerSettings, *, timeout: float = 180.0, quiet_build: bool = True) -> str:
    """Build if needed, start, and return once Bolt answers. Idempotent."""
    if _read_pid(s) is not None:
        ok, msg = status(s)
        if ok:
            return msg
    for port in (s.bolt_port, s.http_port):
        free_by = time.monotonic() + 15  # a server that was just stopped may still hold it briefly
        while _port_open(port):
            if time.monotonic() > free_by:
                raise ServerError(f"port 127.0.0.1:{port} sudah dipakai proses lain; atur SIKERJA_BOLT_PORT/SIKERJA_HTTP_PORT")
            time.sleep(0.5)
    lib = build(s, quiet=quiet_build)
    for sub in ("conf", "run", "logs", "data"):
        (s.home / sub).mkdir(parents=True, exist_ok=True)
    (s.home / "conf" / "neo4j.conf").write_text(_conf(s), encoding="utf-8")
    classpath = f"{lib}/*"
    _ensure_password(s, classpath)
    console = _console_log(s)
    with open(console, "ab") as out:
        proc = subprocess.Popen(
            ["java", f"-Xms{s.heap}", f"-Xmx{s.heap}", *JVM_FLAGS, "-cp", classpath, ENTRY_POINT,
             f"--home-dir={s.home}", f"--config-dir={s.home / 'conf'}"],
            env=_env(s), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=s.home,
        )
    _pid_file(s).write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(
                f"Neo4j berhenti saat mulai (exit {proc.returncode}). Log: {s.log_dir}\n"
                f"{_tail(console)}\n{_tail(s.log_dir / 'neo4j.log')}"
            )
        if _bolt_answers(s):
            return status(s)[1]
        time.sleep(0.5)
    raise ServerError(f"Neo4j belum menjawab di Bolt setelah {timeout:.0f} detik. Log: {s.log_dir}\n{_tail(console)}")


def stop(s: ServerSettings, *, timeout: float = 120.0) -> str:
    """Stop cleanly with SIGTERM; SIGKILL only if it will not stop in time."""
    pid = _read_pid(s)
    if pid is None:
        _pid_file(s).unlink(missing_ok=True)
        return "Neo4j lokal tidak berjalan"
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or _is_zombie(pid):
            _pid_file(s).unlink(missing_ok=True)
            return f"Neo4j lokal (pid {pid}) berhenti"
        time.sleep(0.3)
    os.kill(pid, signal.SIGKILL)
    _pid_file(s).unlink(missing_ok=True)
    return f"Neo4j lokal (pid {pid}) tidak berhenti dalam {timeout:.0f} detik dan dihentikan paksa"


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True
