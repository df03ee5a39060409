"""The ``veille`` command leaves through ``exit_now`` (no interpreter teardown): the exit codes, the
output and the ``atexit`` functions are those of a normal exit."""

from __future__ import annotations

import subprocess
import sys

_VEILLE = [sys.executable, "-m", "veille.cli.main"]


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def test_exit_now_runs_the_atexit_functions_and_flushes_what_was_written():
    code = ("import atexit, sys\nfrom veille.cli.main import exit_now\n"
            "atexit.register(lambda: sys.stdout.write('bye'))\n"
            "sys.stdout.write('x' * 200000)\nexit_now(3)\n")
    done = _run([sys.executable, "-c", code])
    assert done.returncode == 3
    assert done.stdout == "x" * 200000 + "bye"


def test_exit_now_with_a_message_prints_it_and_returns_one():
    done = _run([sys.executable, "-c", "from veille.cli.main import exit_now\nexit_now('veille: no way')"])
    assert (done.returncode, done.stderr.strip()) == (1, "veille: no way")


def test_the_command_keeps_its_exit_codes(tmp_path):
    helped = _run([*_VEILLE, "--help"])
    assert helped.returncode == 0 and "analyze" in helped.stdout and helped.stdout.endswith("\n")
    usage = _run([*_VEILLE, "analyze", "--no-such-option", "x"])
    assert usage.returncode == 2 and "no-such-option" in usage.stderr
    missing = _run([*_VEILLE, "analyze", "--format", "json", str(tmp_path / "absent.txt")])
    assert missing.returncode == 1 and "absent.txt" in missing.stderr and "Traceback" not in missing.stderr
