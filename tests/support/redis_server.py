"""A Redis server of a test's own on a free loopback port, which the test may pause (the
process stopped: connections hang, as with an overloaded or frozen server) and resume; and
a black hole that accepts connections and never answers, counting them."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

from .smtp import free_port


def redis_available():
    return shutil.which("redis-server") is not None


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def remove(self):
        with contextlib.suppress(ProcessLookupError):
            self.resume()
        self.process.terminate()
        self.process.wait(timeout=10)


@contextlib.contextmanager
def own_redis():
    server = OwnRedis()
    try:
        yield server
    finally:
        server.remove()


class BlackHole:
    """Accepts TCP connections on loopback and never answers; `accepted` counts them."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.accepted = 0
        self.sockets = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            self.sockets.append(client)

    def close(self):
        self.listener.close()
        for client in self.sockets:
            client.close()
