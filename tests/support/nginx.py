"""Run Debian's nginx unprivileged on 127.0.0.1 with the repository's deploy/nginx.conf, against a
built site: only its `listen` lines and the deployment folder are changed."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
DEPLOY_FOLDER = "/srv/policy-guidance"  # where deploy/nginx.conf expects site/
_LISTEN = re.compile(r"^\s*listen\s+[^;]+;\s*$", re.MULTILINE)

_MAIN_CONFIG = """\
# Test harness only: the main nginx.conf Debian would provide, with every path in a writable folder.
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
"""


class NginxError(RuntimeError):
    pass


def site_config(deploy_config: str, site: Path, port: int) -> str:
    """deploy/nginx.conf with `listen` on 127.0.0.1:port and `site` in place of the deployment's
    site/ folder. Fails if the file no longer has what is changed (the test would test nothing)."""
    if not _LISTEN.search(deploy_config) or f"{DEPLOY_FOLDER}/site" not in deploy_config:
        raise NginxError(f"deploy/nginx.conf has no `listen` line or no {DEPLOY_FOLDER}/site path")
    first = True

    def listen(_match):
        nonlocal first
        line, first = (f"    listen 127.0.0.1:{port};" if first else ""), False
        return line

    return _LISTEN.sub(listen, deploy_config).replace(f"{DEPLOY_FOLDER}/site", str(site))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Nginx:
    process: subprocess.Popen
    url: str
    work: Path

    def error_log(self) -> str:
        log = self.work / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # fast shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start(deploy_config: Path, site: Path, work: Path) -> Nginx:
    """Check the configuration with `nginx -t`, start nginx in the foreground and wait until it
    answers. The caller stops it (Nginx.stop)."""
    if not Path(NGINX).exists() and not shutil.which("nginx"):
        raise NginxError(f"{NGINX} not found: run scripts/test, which installs Debian's nginx")
    binary = NGINX if Path(NGINX).exists() else shutil.which("nginx")
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (work / "site.conf").write_text(
        site_config(deploy_config.read_text(encoding="utf-8"), site, port), encoding="utf-8"
    )
    # As root, nginx's workers would run as "nobody", who cannot read pytest's private temp folders.
    user = "user root root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(_MAIN_CONFIG.format(work=work, user=user), encoding="utf-8")
    command = [binary, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    if check.returncode != 0:
        raise NginxError(f"nginx -t rejected the configuration:\n{check.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    server = Nginx(process, f"http://127.0.0.1:{port}", work)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise NginxError(f"nginx stopped at start-up:\n{process.stderr.read()}\n{server.error_log()}")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=2):
                return server
        except urllib.error.HTTPError:
            return server  # it answers
        except OSError:
            if time.monotonic() > deadline:
                server.stop()
                raise NginxError("nginx did not answer within 30 s:\n" + server.error_log()) from None
            time.sleep(0.1)
