"""Runs the calling events script inside .build/venv-events when the packages it needs are
missing: makes the venv from scripts/events/requirements.txt (pinned versions) the first time,
then re-executes the script with the venv's Python, so these scripts install what they use."""
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE.parents[1] / ".build" / "venv-events"
REQUIREMENTS = HERE / "requirements.txt"


def _has_packages(python):
    probe = "import numpy, scipy, sklearn"
    return subprocess.run([str(python), "-c", probe], capture_output=True).returncode == 0


def ensure():
    """Returns when this Python has the packages; otherwise re-executes the script in the venv."""
    if _has_packages(sys.executable):
        return
    python = VENV / "bin" / "python"
    if os.environ.get("WIRESCORE_EVENTS_VENV") == "1":
        sys.exit(f"{sys.argv[0]}: numpy/scipy/scikit-learn are still missing in {VENV}")
    if not python.exists():
        print(f"making {VENV} for {REQUIREMENTS.name}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not _has_packages(python):
        print(f"installing {REQUIREMENTS} into {VENV}", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    os.environ["WIRESCORE_EVENTS_VENV"] = "1"
    os.execv(str(python), [str(python), os.path.abspath(sys.argv[0]), *sys.argv[1:]])
