from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """One build of the sample reports, shared by the tests that read it."""
    from kg.build import build

    out = tmp_path_factory.mktemp("out")
    build(SEEDS, out, warn=lambda m: None)
    return out


def extract_text(text: str, name: str = "t.txt"):
    from kg.extract import extract
    from kg.normalize import normalize_text

    return extract(normalize_text(text), name)


def names(facts, type_: str) -> set[str]:
    out = set()
    for e in facts.entities:
        if e.type == type_:
            out.add(e.name)
            out.update(e.aliases)
    return out



class Listener:
    """A SPARQL endpoint address on 127.0.0.1 that must never be contacted:
    every connection made to it is recorded and closed at once (so an engine
    that does connect fails fast instead of waiting for an answer)."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self._connections: list = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self.sock.accept()
            except OSError:  # the timeout included
                continue
            self._connections.append(addr)
            conn.close()

    def connections(self) -> list:
        """The connections received so far (those queued in the backlog included)."""
        import time

        time.sleep(0.3)  # longer than an accept() wait: a queued connection is taken by now
        return list(self._connections)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()
