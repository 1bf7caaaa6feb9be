"""A small HTTP server on 127.0.0.1 (port 0) that answers badly on purpose.

Each behaviour is a function that gets the accepted socket after the request was read: it may
trickle the answer a byte at a time, send more than any limit, redirect, or send any raw bytes.
The trickle paces itself with ``Event.wait`` on the server's stop event, so ``stop()`` ends it
at once; ``stop()`` joins every thread the server started.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, threading.Event], None]


class MisbehavingServer:
    """Serves every connection with ``behaviour``; ``url`` is its base address."""

    def __init__(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self.requests: list[bytes] = []
        self._accepting = threading.Thread(target=self._accept, name="misbehaving-accept")
        self._accepting.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), name="misbehaving-conn")
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                self.requests.append(_read_request(conn))
                self._behaviour(conn, self._stop)
            except OSError:
                pass  # the client hung up: that is what most behaviours wait for

    def stop(self) -> None:
        self._stop.set()
        self._accepting.join()
        self._listener.close()
        for thread in self._threads:
            thread.join()


@contextmanager
def misbehaving_server(behaviour: Behaviour) -> Iterator[MisbehavingServer]:
    server = MisbehavingServer(behaviour)
    try:
        yield server
    finally:
        server.stop()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            while len(body) < int(value.strip()):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                body += chunk
    return head + b"\r\n\r\n" + body


# --- behaviours ---------------------------------------------------------------------------------


def trickle_body(interval: float = 0.05) -> Behaviour:
    """Headers at once, then the (long) JSON body one byte per ``interval``, for ever."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        )
        body = b'{"result": ' + b" " * 99_987 + b"true}"
        for byte in body:
            if stop.wait(interval):
                return
            conn.sendall(bytes([byte]))

    return behave


def trickle_headers(interval: float = 0.05) -> Behaviour:
    """The status line and headers one byte per ``interval``: the answer never even starts."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"z" * 60_000 + b"\r\n\r\n"
        for byte in head:
            if stop.wait(interval):
                return
            conn.sendall(bytes([byte]))

    return behave


def endless_body(declare_length: bool = False) -> Behaviour:
    """A body that never ends (zeros, chunked or with a huge Content-Length)."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        if declare_length:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n")
            return
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        chunk = b"[" * 65536
        while not stop.is_set():
            conn.sendall(chunk)

    return behave


def answer(
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "application/json",
    headers: tuple[tuple[str, str], ...] = (),
) -> Behaviour:
    """One complete answer with these bytes."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        extra = "".join(f"{name}: {value}\r\n" for name, value in headers)
        head = (
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
        )
        conn.sendall(head.encode() + body)

    return behave


def redirect(location: str, status: str = "301 Moved Permanently") -> Behaviour:
    return answer(b"", status=status, content_type="text/html", headers=(("Location", location),))
