"""``veille serve`` as a real server: slow-header clients are cut off, a busy port is a usage error."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request

import pytest

pytest.importorskip("fastapi", reason="the server needs the [serve] extra")

from click.testing import CliRunner  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.api.server import serve  # noqa: E402
from veille.cli.main import cli  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.pgserver import free_port  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    config = Config(data_dir=str(tmp))
    store = open_store(str(tmp / "s.sqlite"))
    port = free_port()
    app = create_app(store, config=config)
    thread = threading.Thread(target=serve, args=(app, config, "127.0.0.1", port),
                              kwargs={"header_timeout": 1.0}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    yield port


def test_a_client_that_never_finishes_its_headers_is_disconnected(server):
    with socket.create_connection(("127.0.0.1", server), timeout=10) as slow:
        slow.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.monotonic()
        assert slow.recv(100) == b""  # closed by the server, not by our own timeout
        assert time.monotonic() - started < 8


def test_a_normal_client_is_answered_and_foreign_hosts_are_refused(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/api/health", timeout=5) as resp:
        assert resp.status == 200 and resp.headers["x-frame-options"] == "DENY"
    req = urllib.request.Request(f"http://127.0.0.1:{server}/api/health", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=5)
    assert err.value.code == 400


def test_serving_on_a_busy_port_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_DATA_DIR", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 2
    assert f"127.0.0.1:{port} is in use" in result.stderr and "serving on" not in result.stdout


def test_several_worker_processes_serve_one_port_with_the_same_guards(tmp_path):
    """``--workers 2``: two processes (each its own app and store connection) answer on one socket; the
    Host check, the security headers and the slow-header deadline hold in each."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "w.sqlite"
    open_store(str(db)).close()
    port = free_port()
    veille = str(Path(sys.executable).parent / "veille")
    proc = subprocess.Popen([veille, "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "VEILLE_DATA_DIR": str(tmp_path)})
    try:
        deadline, pids = time.monotonic() + 60, set()
        while time.monotonic() < deadline and len(pids) < 2:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as resp:
                    assert resp.status == 200 and resp.headers["x-frame-options"] == "DENY"
            except OSError:
                time.sleep(0.2)
                continue
            # the supervisor's children: each worker is a process of its own (beside a resource tracker)
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            pids = {p for p in children if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()}
        assert len(pids) == 2, "two worker processes"
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/health", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=30)
