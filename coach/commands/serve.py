"""`coach serve`: coach in a browser tab, reachable only by whoever holds the printed address.

Whoever can open the page can read and change every note in the data folder, so every route
(the page, its scripts and fonts, downloads and the websocket that drives coach) answers 403
unless the request carries the token. The printed address carries it as `?token=`; the first
request with it sets a cookie, and the cookie lets the rest through. A cookie, because
textual-serve's page script builds the websocket address by appending `?width=...` and the
download address from the bare origin: neither a query token nor a path prefix would survive.
The cookie is HttpOnly (page scripts cannot read it), SameSite=Strict (other sites' pages do
not send it), and named after the port (cookies ignore ports; two servers would otherwise
overwrite each other's).

Each browser tab runs its own `coach --data-dir DIR` (same Python), so the data folder's
lock decides, as in a terminal: a second tab gets coach's "another coach is already using …"
rather than a second writer. Closing a tab and stopping the server both send coach SIGTERM,
on which it writes everything pending; the server waits for it before leaving.

textual-serve and aiohttp are imported inside the command: `coach` itself never loads them.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import secrets
import shlex
import socket
import sys
from typing import TYPE_CHECKING, Any, cast

import click

from coach.store.paths import DataPaths

if TYPE_CHECKING:
    import asyncio

DEFAULT_PORT = 8000
# coach leaves within about five seconds of SIGTERM even if Textual's own shutdown stalls
# (see install_signal_handlers); this is the server's last resort beyond that.
STOP_DEADLINE = 15.0
FORBIDDEN = "403: this address needs the token that `coach serve` printed.\n"
OTHER_ORIGIN = "403: requests from other web pages are refused.\n"


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only this machine's loopback unless --allow-remote.",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Let --host be an address other machines can reach (prints a warning).",
)
@click.pass_obj
def serve(paths: DataPaths, port: int, host: str, allow_remote: bool) -> int:
    """Run coach in your browser. Ctrl+C stops it, with everything saved."""
    if not is_loopback(host) and not allow_remote:
        raise click.ClickException(
            f"--host {host} would let other machines reach your coach data; "
            "add --allow-remote if that is what you want"
        )
    listener = _listen(host, port)
    if not is_loopback(host):
        click.echo(
            f"coach: warning: serving on {host}, beyond this machine. Anyone who can reach "
            "this port and learns the address can read and change your whole data folder, "
            "and plain http sends the address and your notes unencrypted. Use it only on a "
            "network you trust.",
            err=True,
        )
    token = secrets.token_urlsafe(32)
    bound_port = listener.getsockname()[1]
    argv = [sys.executable, "-m", "coach", "--data-dir", os.path.abspath(paths.root)]
    address = f"http://{_url_host(host)}:{bound_port}/?token={token}"
    return _run(listener, argv, token, address, paths)


def is_loopback(host: str) -> bool:
    """True when ``host`` names this machine's loopback interface (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve anywhere


def _url_host(host: str) -> str:
    bare = host.strip("[]")
    try:
        ip = ipaddress.ip_address(bare)
    except ValueError:
        return host
    if ip.is_unspecified:  # every interface: other machines know this one by its name
        return socket.gethostname()
    return f"[{bare}]" if ip.version == 6 else bare


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, or one clear line and exit 2 (port taken, unknown host, ...).

    Bound here rather than by aiohttp so that errors are ours to word, and so that the
    address printed is the one bound (with --port 0, the port the system chose).
    """
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        raise click.ClickException(f"cannot listen on {host}: {error.strerror}") from None
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(where)
        listener.listen(64)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(
                f"port {port} on {host} is already in use; choose another with --port"
            ) from None
        raise click.ClickException(
            f"cannot listen on {host} port {port}: {error.strerror or error}"
        ) from None
    listener.setblocking(False)
    return listener


def _run(
    listener: socket.socket, argv: list[str], token: str, address: str, paths: DataPaths
) -> int:
    import asyncio

    try:
        server = _browser_server(argv, token, cookie=f"coach-token-{listener.getsockname()[1]}")
    except ImportError as error:
        listener.close()
        raise click.ClickException(
            f"coach serve needs textual-serve ({error}); install it with "
            "`pip install textual-serve`"
        ) from None

    def ready() -> None:
        click.echo("Open coach in your browser at this address (it carries a secret token):")
        click.echo("")
        click.echo(f"    {address}")
        click.echo("")
        click.echo(f"Whoever has the address can read and change your data in {paths.root}.")
        click.echo("Press Ctrl+C to stop.")
        sys.stdout.flush()

    asyncio.run(server.run(listener, ready))
    return 0


def _same(offered: str, token: str) -> bool:
    # Constant time, and bytes: compare_digest refuses non-ASCII str, which a query can hold.
    return secrets.compare_digest(offered.encode(), token.encode())


class _Tee:
    """A child's stderr reader that keeps a copy of what it reads."""

    def __init__(self, reader: asyncio.StreamReader, copy: bytearray) -> None:
        self._reader = reader
        self._copy = copy

    async def read(self, n: int = -1) -> bytes:
        data = await self._reader.read(n)
        self._copy += data
        return data


def _browser_server(argv: list[str], token: str, cookie: str) -> Any:
    """textual-serve's server, with the token on every route and coach stopped by SIGTERM."""
    import asyncio
    import signal
    from collections.abc import Awaitable, Callable

    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    class BrowserSession(AppService):
        """One browser tab driving one coach process."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(shlex.join(argv), **kwargs)
            self.drew = False
            self.errors = bytearray()
            self._stderr: asyncio.StreamReader | None = None

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            # No shell (a data folder may have spaces in its name), and a session of its own:
            # Ctrl+C in the server's terminal reaches the server alone, which then stops
            # coach with SIGTERM, the signal on which coach writes everything pending.
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._build_environment(width=width, height=height),
                start_new_session=True,
            )
            assert process.stdin is not None and process.stderr is not None
            self._process = process
            self._stdin = process.stdin
            self._stderr = process.stderr
            process.stderr = cast("asyncio.StreamReader", _Tee(process.stderr, self.errors))
            return process

        async def on_data(self, payload: bytes) -> None:
            self.drew = True
            await super().on_data(payload)

        async def run(self) -> None:
            await super().run()
            if self.drew or self._stderr is None:
                return
            # coach stopped before drawing anything, most often because another coach holds
            # the data folder. Show its own words in the tab rather than a blank page.
            with contextlib.suppress(Exception):
                self.errors += await asyncio.wait_for(self._stderr.read(), 5)
            said = bytes(self.errors).decode("utf-8", "replace").strip() or "coach did not start"
            lines = [
                *said.splitlines(),
                "",
                "This tab is not running coach. Close it, or close the other coach and reload.",
            ]
            with contextlib.suppress(Exception):
                await self.remote_write_bytes(("\r\n".join(lines) + "\r\n").encode())

        async def stop(self) -> None:
            """Stop coach as a closed terminal would (SIGTERM: it saves, then leaves); wait."""
            process = self._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), STOP_DEADLINE)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
            task, self._task = self._task, None
            if task is not None:
                await self._download_manager.cancel_app_downloads(
                    app_service_id=self.app_service_id
                )
                await task

    class BrowserServer(Server):
        """The aiohttp app of textual-serve behind the token, and a shutdown that waits."""

        def __init__(self) -> None:
            super().__init__(shlex.join(argv), title="coach")
            self.sessions: set[BrowserSession] = set()
            self.closing = False

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard())
            return app

        def _guard(self) -> Any:
            @web.middleware
            async def require_token(
                request: web.Request, handler: Callable[[web.Request], Awaitable[Any]]
            ) -> Any:
                by_query = _same(request.query.get("token", ""), token)
                if not (by_query or _same(request.cookies.get(cookie, ""), token)):
                    raise web.HTTPForbidden(text=FORBIDDEN)
                origin = request.headers.get("Origin")
                if origin and origin.split("://", 1)[-1] != request.host:
                    # A page from elsewhere (another port on this machine counts: cookies
                    # ignore ports) must not drive coach with the cookie of this one.
                    raise web.HTTPForbidden(text=OTHER_ORIGIN)
                response = await handler(request)
                if isinstance(response, web.StreamResponse) and not response.prepared:
                    if by_query:
                        response.set_cookie(
                            cookie, token, httponly=True, samesite="Strict", path="/"
                        )
                    # The page loads a font from another site: send it no address at all.
                    response.headers["Referrer-Policy"] = "no-referrer"
                return response

            return require_token

        async def on_startup(self, app: web.Application) -> None:
            pass  # the command prints its own address, with the token

        async def handle_index(self, request: web.Request) -> web.Response:
            # Addresses follow the one the browser used (localhost or 127.0.0.1, a name
            # with --allow-remote), so the cookie set for it goes with every asset.
            origin = f"{request.scheme}://{request.host}"
            websocket = "wss" if request.scheme == "https" else "ws"
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{websocket}://{request.host}/ws",
                "config": {"static": {"url": f"{origin}/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if self.closing:
                raise web.HTTPServiceUnavailable(text="coach serve is stopping.\n")
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await websocket.prepare(request)
            session = BrowserSession(
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions.add(session)
            try:
                await session.start(width, height)
                await self._process_messages(websocket, session)
            except Exception as error:  # a malformed message from the page ends its session
                click.echo(f"coach serve: session ended: {error!r}", err=True)
            finally:
                await session.stop()
                self.sessions.discard(session)
                await websocket.close()
            return websocket

        async def run(self, listener: socket.socket, ready: Callable[[], None]) -> None:
            """Serve on ``listener`` until SIGINT, SIGTERM or SIGHUP; then stop every coach."""
            runner = web.AppRunner(
                await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=5
            )
            await runner.setup()
            await web.SockSite(runner, listener).start()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, stop.set)
            ready()
            await stop.wait()
            self.closing = True
            if self.sessions:
                click.echo(
                    f"coach serve: stopping; saving and closing {len(self.sessions)} "
                    "coach session(s)",
                    err=True,
                )
            running = list(self.sessions)
            await asyncio.gather(*(session.stop() for session in running))
            # A coach that was killed rather than left sends no goodbye: close its tab's
            # websocket here, so the shutdown below has no handler left to wait for.
            for session in running:
                with contextlib.suppress(Exception):
                    await session.remote_close()
            await runner.cleanup()

    return BrowserServer()
