"""The input fuzz properties of tests/test_fuzz.py, run long: ``N`` examples each instead of 25.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/fuzz_inputs.py 2000
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    examples = argv[0] if argv else "1000"
    env = {**os.environ, "VEILLE_FUZZ_EXAMPLES": examples}
    root = Path(__file__).resolve().parents[1]
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            str(root / "tests" / "test_fuzz.py")], cwd=root, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
