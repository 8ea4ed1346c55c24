"""`landscape dashboard` serves the Streamlit app on the database the command was given."""

import os
import signal
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


def _start_dashboard(tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    url = f"sqlite:///{tmp_path / 'dash.db'}"
    env = {k: v for k, v in os.environ.items() if k != "LANDSCAPE_DATABASE_URL"}
    command = [sys.executable, "-m", "landscape", "--db", url, "dashboard", "--headless"]
    return subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
            return True
    except OSError:
        return False


def test_dashboard_command_serves_the_app(tmp_path: Path) -> None:
    port = _free_port()
    process = _start_dashboard(tmp_path, port)
    try:
        assert _wait_for_health(port, process) == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
            assert "<noscript>" in response.read().decode().lower()
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the child through /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_the_command_stops_streamlit_too(tmp_path: Path, signum: int) -> None:
    port = _free_port()
    process = _start_dashboard(tmp_path, port)
    children: list[int] = []
    try:
        assert _wait_for_health(port, process) == "ok"
        children = _children(process.pid)
        assert children, "the dashboard command runs Streamlit as a child process"
        process.send_signal(signum)  # to the command alone, as `kill` or a supervisor sends it
        status = process.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(map(_running, children)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in children if _running(pid)], "Streamlit outlived the command"
        assert not _answers(port)
        assert status == 0  # a stop that was asked for is not a failure
    finally:
        process.kill()
        process.wait(timeout=30)
        for pid in children:  # never leave a stray server behind, even when the test fails
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
