"""A PostgreSQL server of a test's own, on a free loopback port, that the test may stop,
start and restart (the shared one on 5432 is never touched)."""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile

from django.db import connections

from .smtp import free_port


def postgres_available():
    return shutil.which("initdb") is not None and shutil.which("pg_ctl") is not None


class OwnPostgres:
    """`initdb` in a temporary folder; no fsync, trust authentication, loopback only."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="own-postgres-")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        # PostgreSQL refuses to run as root (CI and these machines run tests as root).
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.folder, pwd.getpwnam(self.user).pw_uid)
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync")

    @property
    def data(self):
        return os.path.join(self.folder, "data")

    def _run(self, *command):
        if self.user:
            command = ("runuser", "-u", self.user, "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = os.path.join(self.folder, "log")
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", log, "-w", *extra, action)

    def start(self):
        self._pg_ctl("start")

    def stop(self):
        # "fast" disconnects every client at once, as a restart by an operator does.
        self._pg_ctl("stop", "-m", "fast")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def own_postgres(alias):
    """Start an `OwnPostgres` and make it the database `alias` of this process for the
    duration; stopped and removed afterwards, whatever happens."""
    server = OwnPostgres()
    try:
        server.start()
        connections.settings[alias] = {
            **connections.settings["default"],
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": server.port,
            "CONN_MAX_AGE": 0,
            "OPTIONS": {},
            "TEST": {},
        }
        try:
            yield server
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
    finally:
        server.remove()
