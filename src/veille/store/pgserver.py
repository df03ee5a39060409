"""A throwaway PostgreSQL server on a temporary data directory and a free local port, for the store's
conformance tests and benchmarks (``initdb`` + ``pg_ctl`` from the system's PostgreSQL packages).

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` system user.

>>> with TemporaryPostgres() as pg:          # doctest: +SKIP
...     store = open_store(pg.url)
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from ..errors import VeilleError


class PostgresUnavailable(VeilleError):
    """No PostgreSQL server binaries on this machine (install the 'postgresql' package)."""


def find_bin(name: str) -> str:
    """``initdb``/``pg_ctl`` on PATH or in Debian's versioned directory (newest first)."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                                  reverse=True)), None)
    if not found:
        raise PostgresUnavailable(f"{name} not found: install PostgreSQL (apt-get install -y postgresql)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_SHARED: TemporaryPostgres | None = None


class TemporaryPostgres:
    """Start on enter, stop and delete on exit; ``url`` connects as the superuser ``veille``.
    ``durable=False`` turns fsync off (tests); benchmarks keep it on to measure real commits."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable
        self.dir = Path(tempfile.mkdtemp(prefix="veille-pg-"))
        self.port = free_port()
        self.url = f"postgresql://veille@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if os.geteuid() == 0:  # postgres will not run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if res.returncode:
            raise PostgresUnavailable(f"{' '.join(args[:2])} failed: {(res.stderr or res.stdout)[-500:]}")

    def __enter__(self) -> TemporaryPostgres:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(find_bin("initdb"), "-D", str(self.dir / "data"), "-U", "veille", "--auth=trust", "-E",
                  "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.start()
        return self

    def start(self) -> None:
        """Start the server (again) on its data directory and port."""
        self._run(find_bin("pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "server.log"), "-w",
                  "-t", "60", "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
                  + ("" if self.durable else " -c fsync=off"), "start")

    def stop(self) -> None:
        """Stop the server at once (as a crash or a restart would: open connections are cut)."""
        self._run(find_bin("pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")

    @classmethod
    def shared(cls) -> TemporaryPostgres:
        """One server for the whole process (test sessions), stopped when the process exits."""
        global _SHARED
        if _SHARED is None:
            server = cls().__enter__()
            atexit.register(server.__exit__, None, None, None)
            _SHARED = server
        return _SHARED

    def fresh_database(self, name: str) -> str:
        """The URL of an empty database ``name`` on this server (dropped first if it exists)."""
        import psycopg

        if not name.isidentifier():
            raise ValueError(f"database name {name!r} must be a plain identifier")
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
