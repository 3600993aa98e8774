"""A real, throwaway PostgreSQL server for the tests: initdb on a temporary directory,
``postgres`` listening on a free port of 127.0.0.1, stopped by its own pid.

initdb refuses to run as root (CI runs as root), so under root the server runs as an
unprivileged user: ``postgres`` when Debian's package made it, else ``claimtrail-pg``,
created here with ``useradd``. The binaries come from ``pg_config --bindir`` or
``/usr/lib/postgresql/*/bin`` (``scripts/install --test`` installs Debian's
``postgresql`` where they are missing). ``CLAIMTRAIL_TEST_POSTGRES=URL`` uses a running
server instead (each test still gets a database of its own).
"""
from __future__ import annotations

import ctypes
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "claimtrail"
FALLBACK_USER = "claimtrail-pg"


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path:
    """Where initdb and postgres are."""
    candidates: list[str] = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "postgres").exists():
            return Path(folder)
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, postgres) found: "
                              "run `bash scripts/install --test` (installs Debian's postgresql)")


def _server_user() -> pwd.struct_passwd | None:
    """None when not root (run as ourselves); else an unprivileged account."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", FALLBACK_USER):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    FALLBACK_USER], check=True, capture_output=True)
    return pwd.getpwnam(FALLBACK_USER)


_LIBC = ctypes.CDLL(None) if sys.platform == "linux" else None   # loaded before any fork


def _die_with_parent() -> None:
    """In the server's process before exec: a fast shutdown (SIGINT) when the test
    process that started it dies, so no server outlives a killed test run. Runs after
    the switch to the server's user (a change of user would clear the setting)."""
    _LIBC.prctl(1, int(signal.SIGINT))      # 1 = PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    """One running server; ``url(db)`` for a database on it, ``new_database()`` for a
    fresh one."""

    port: int
    root: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    external: str | None = None
    created: list[str] = field(default_factory=list)

    @classmethod
    def start(cls) -> PostgresServer:
        external = os.environ.get("CLAIMTRAIL_TEST_POSTGRES")
        if external:
            return cls(port=0, external=external.rstrip("/"))
        bindir = find_bindir()
        user = _server_user()
        root = Path(tempfile.mkdtemp(prefix="claimtrail-pg-"))
        data, sockets = root / "data", root / "sockets"
        sockets.mkdir()
        as_user: dict[str, object] = {}
        if user is not None:
            for path in (root, sockets):
                os.chown(path, user.pw_uid, user.pw_gid)
            as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
        init = subprocess.run(
            [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            capture_output=True, text=True, env=env, cwd=root, **as_user)  # type: ignore[arg-type]
        if init.returncode != 0:
            shutil.rmtree(root, ignore_errors=True)
            raise PostgresUnavailable(f"initdb failed: {init.stderr.strip()}")
        port = free_port()
        log = open(root / "server.log", "wb")  # noqa: SIM115 - closed below
        # fsync off: a test server's data need not survive a crash of the machine
        try:
            process = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sockets),
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 "-c", "max_connections=100", "-c", "shared_buffers=64MB"],
                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                **as_user)  # type: ignore[arg-type]
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        finally:
            log.close()       # the server writes through its own copy of the descriptor
        server = cls(port=port, root=root, process=process)
        server._wait_ready(log_path=root / "server.log")
        return server

    def _wait_ready(self, log_path: Path, timeout: float = 60.0) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise PostgresUnavailable("postgres exited: " + log_path.read_text()[-2000:])
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise PostgresUnavailable("postgres did not accept connections in "
                                              f"{timeout:.0f} s: " + log_path.read_text()[-2000:])
                time.sleep(0.1)

    def url(self, database: str) -> str:
        if self.external:
            base = self.external.rsplit("/", 1)[0]
            return f"{base}/{database}"
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        name = "ct_" + uuid.uuid4().hex[:16]
        admin = self.external or self.url("postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.url(name)

    def stop(self) -> None:
        """Fast shutdown (SIGINT) of our own postmaster, by its pid, then its files."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
