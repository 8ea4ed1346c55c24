"""`landscape dashboard` serves the Streamlit app on the database the command was given."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_health(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the dashboard exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                return r.read().decode()
        except OSError:
            time.sleep(0.3)
    pytest.fail("the dashboard did not answer its health check")


def test_dashboard_command_serves_the_app(tmp_path: Path) -> None:
    port = _free_port()
    url = f"sqlite:///{tmp_path / 'dash.db'}"
    env = {k: v for k, v in os.environ.items() if k != "LANDSCAPE_DATABASE_URL"}
    command = [sys.executable, "-m", "landscape", "--db", url, "dashboard", "--headless"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert _wait_for_health(port, process) == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
            assert "<noscript>" in response.read().decode().lower()
    finally:
        process.terminate()
        process.wait(timeout=30)
