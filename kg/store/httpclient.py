"""kg's HTTP client for SPARQL stores: one request, retried with backoff when that is safe.

Every request kg makes to a SPARQL store goes through :func:`retrying`, the one retry loop, under one
:class:`RetryPolicy`: ``kg push`` (Graph Store Protocol PUT and POST), ``kg query --endpoint`` and its
default-graph check (:mod:`kg.store.sparql`), all sent by :func:`request` (urllib), and ``kg link``'s lookups,
which SPARQLWrapper sends (:mod:`kg.link.client`).

SPARQLWrapper (2.x) cannot carry a store's requests: it cannot answer a 401 challenge with the scheme the server
asks for (its Unauthorized exception drops the WWW-Authenticate header; its Digest support installs a process-wide
urllib opener for a realm named in advance, "SPARQL" by default), its timeout is truncated to whole seconds and one
under a second means none, it has no Graph Store Protocol, and the answers it turns into its own exceptions (400,
401, 404, 414, 500) lose their status line and headers.  ``kg link`` asks public endpoints, with no
credentials and a timeout of whole seconds, so SPARQLWrapper sends its queries; each attempt's failure is
classified here (:func:`failure_of`) and retried by the same loop.

Retry policy
------------
A request is retried only when sending it again cannot change the result:

* **idempotent** requests — Graph Store Protocol ``PUT`` (replace a named graph), ``GET``, and SPARQL
  queries (a query changes nothing, even when it travels as a ``POST`` form) — are retried after a
  connection error (refused, reset, the server closing the connection), a timeout, and the HTTP
  statuses 429, 500, 502, 503 and 504.  500 is included because sending the same PUT or query again is
  harmless, and a store that is starting, compacting or overloaded often answers 500 once; a request
  that fails for good costs ``retries`` more attempts.
* **non-idempotent** requests (a ``POST`` that merges triples into a graph and carries blank nodes, so
  that a second copy would add new triples) are retried only when the connection was refused: then
  nothing reached the server.  After a timeout, a reset or any HTTP error it may have been applied,
  so it is not sent again and the message says so.

Other failures (401/403/404 and every other 4xx, an unknown host, a TLS error) are never retried.
Delays grow exponentially (``backoff``, ``2*backoff``, ``4*backoff`` … capped at ``max_backoff``)
with random jitter (``jitter``; ``kg link`` asks for none); a ``Retry-After`` header (seconds or an
HTTP date) on an answer that is retried (typically 429 or 503) is honoured instead, and when it asks
for more than ``max_retry_after`` seconds kg gives up at once rather than hang.  ``timeout`` is
urllib's socket timeout: the limit for connecting and for each wait on the server, not for the whole
transfer.

Messages
--------
Every failure is a :class:`RequestError` (an EndpointError) with a one-line message naming the URL
without its ``user:password@`` part and without its query string, the reason and the number of
attempts, e.g. ``cannot reach http://h:7878/store: connection refused (is the server running?)
(after 4 attempts)``.  Credentials are never part of a message or a log record.  Retries are logged
(logger ``kg.store.http``, level WARNING) with the same redacted URL.

Credentials
-----------
:func:`credentials` finds them: ``auth=(user, password)``, ``user:password@`` in the URL, the
KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD environment variables, or the netrc file (``$NETRC`` or
``~/.netrc``) entry for the store's host.  :func:`request` answers the server's challenge with HTTP
Basic or Digest, whichever it asks for.
"""

from __future__ import annotations

import base64
import email.utils
import logging
import netrc
import os
import random
import re
import socket
import ssl
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.client import HTTPException, RemoteDisconnected
from pathlib import Path
from typing import TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from kg.errors import EndpointError, UsageError

ENV_USER, ENV_PASSWORD = "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"
USER_AGENT = "kg (conflict news to linked data)"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Auth = tuple[str, str]
T = TypeVar("T")
log = logging.getLogger("kg.store.http")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry (see the module docstring); ``retries=0`` sends once."""

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 10.0
    jitter: float = 0.5  # each delay is shortened by a random fraction up to this
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self):
        if self.retries < 0 or self.backoff < 0 or self.max_backoff < 0 or not 0 <= self.jitter <= 1:
            raise ValueError("retries, backoff and max_backoff must be >= 0 and jitter in [0, 1]")

    @property
    def attempts(self) -> int:
        return self.retries + 1

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1-based) when the server did not say."""
        base = min(self.max_backoff, self.backoff * 2 ** (retry - 1))
        return base * (1 - self.jitter * self.rng.random())


NO_RETRY = RetryPolicy(retries=0)
DEFAULT_RETRY = RetryPolicy()


class RequestError(EndpointError):
    """A request failed for good: ``reason`` (one line), ``status`` (HTTP status or None), ``attempts``, and
    ``note``, why it was not retried (or ``""``)."""

    def __init__(self, message: str, *, url: str, reason: str, status: int | None, attempts: int,
                 kind: str, note: str = ""):
        super().__init__(message)
        self.url, self.reason, self.status, self.attempts, self.kind = url, reason, status, attempts, kind
        self.note = note


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


# --------------------------------------------------------------------------------------------- URLs and credentials


def redact(url: str) -> str:
    """The URL without any ``user:password@`` part (safe to print)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def userinfo(url: str) -> Auth | None:
    """(user, password) from ``user:password@`` in the URL (percent-decoded), else None."""
    parts = urlsplit(url)
    if parts.username is None:
        return None
    return unquote(parts.username), unquote(parts.password or "")


def scrub(text: str, auth: Auth | None) -> str:
    """``text`` with the password (plain, percent-encoded, or inside a Basic auth token) replaced by ***."""
    if not auth or not auth[1]:
        return text
    user, password = auth
    secrets = {password, quote(password, safe=""), quote(password),
               base64.b64encode(f"{user}:{password}".encode()).decode("ascii")}
    for secret in sorted((x for x in secrets if len(x) >= 3), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def credentials(user: str | None = None, password: str | None = None, *, url: str | None = None) -> Auth | None:
    """(user, password) for a store, or None; the password is never logged or printed.

    In order: the arguments (``--user`` / ``--password``, which the CLI also fills from
    KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD), ``user:password@`` in ``url``, the environment
    variables, then the netrc file (``$NETRC``, else ``~/.netrc``) entry for ``url``'s host (or its
    ``default`` entry).  A user name without a password takes the netrc password only when the
    netrc login for that host is the same user; otherwise the password is empty.
    """
    if user is None and password is None and url:
        found = userinfo(url)
        if found:
            return found
    user = user if user is not None else os.environ.get(ENV_USER)
    password = password if password is not None else os.environ.get(ENV_PASSWORD)
    if not user:
        if password:
            raise UsageError(f"a password needs a user name (--user or {ENV_USER})")
        return netrc_credentials(url) if url else None
    if password is None and url:
        entry = netrc_credentials(url)
        if entry and entry[0] == user:
            password = entry[1]
    return user, password or ""


def netrc_credentials(url: str) -> Auth | None:
    """(login, password) for ``url``'s host from ``$NETRC`` or ``~/.netrc`` (stdlib netrc); None if none.

    A malformed file is a UsageError naming the file and line, never its text (it may hold passwords).
    """
    host = urlsplit(url).hostname
    explicit = os.environ.get("NETRC")
    path = Path(explicit).expanduser() if explicit else Path("~/.netrc").expanduser()
    if not host or not path.is_file():
        return None
    try:
        # the default file gets the stdlib's check that only its owner can read it
        entry = netrc.netrc(str(path) if explicit else None).authenticators(host)
    except netrc.NetrcParseError as e:
        if "permissive" in (e.msg or ""):
            raise UsageError(f"{path} can be read by other users; chmod 600 it") from None
        raise UsageError(f"cannot parse the netrc file {e.filename or path}, line {e.lineno}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read the netrc file {path}: {getattr(e, 'strerror', None) or e}") from None
    if not entry or not entry[0]:
        return None
    return entry[0], entry[2] or ""


# --------------------------------------------------------------------------------------------- one attempt


class Failure(Exception):
    """One failed attempt: ``kind`` is refused, timeout, reset, http or fatal (see the module docstring)."""

    def __init__(self, kind: str, reason: str, status: int | None = None, retry_after: float | None = None,
                 verb: str | None = None):
        super().__init__(reason)
        self.kind, self.reason, self.status, self.retry_after, self.verb = kind, reason, status, retry_after, verb

    def message(self, where: str) -> str:
        """``cannot reach URL: REASON`` / ``cannot talk to URL: REASON`` / ``URL REASON``."""
        return f"cannot {self.verb} {where}: {self.reason}" if self.verb else f"{where} {self.reason}"


def failure_of(e: OSError | HTTPException | ValueError, url: str, timeout: float, auth: Auth | None) -> Failure:
    """What an exception urllib raised for one attempt at ``url`` means (SPARQLWrapper lets the same through)."""
    if isinstance(e, HTTPError):
        if e.code == 401:
            hint = ("it did not accept the credentials" if auth else
                    f"it needs credentials: set {ENV_USER} and {ENV_PASSWORD}, use --user, "
                    f"or add the host to your netrc file")
            return Failure("fatal", f"answered HTTP 401 Unauthorized: {hint}", 401)
        detail = _excerpt(e, auth)
        reason = f"answered HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")
        wait = retry_after(e.headers.get("Retry-After")) if e.headers else None
        return Failure("http", reason, e.code, wait)
    if isinstance(e, URLError):  # raised while connecting or sending
        failure = _classify(e.reason, timeout, sending=True)
        if failure.reason == "unknown host":
            failure.reason += f" {urlsplit(url).hostname!r}"
        return failure
    if isinstance(e, OSError | HTTPException):  # raised while waiting for / reading the answer
        return _classify(e, timeout, sending=False)
    return Failure("fatal", f"{type(e).__name__}: {e}", verb="talk to")


def _classify(reason: object, timeout: float, *, sending: bool) -> Failure:
    if isinstance(reason, TimeoutError | socket.timeout):
        return Failure("timeout", f"did not answer within {timeout:g} s (timeout)")
    if isinstance(reason, ConnectionRefusedError):
        return Failure("refused", "connection refused (is the server running?)", verb="reach")
    if isinstance(reason, socket.gaierror):
        return Failure("fatal", "unknown host", verb="reach")
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return Failure("fatal", f"TLS error: {getattr(reason, 'reason', None) or reason}", verb="talk to")
    if isinstance(reason, RemoteDisconnected):
        return Failure("reset", "the server closed the connection without answering", verb="talk to")
    if isinstance(reason, ConnectionError):  # reset, aborted, broken pipe
        return Failure("reset", f"connection lost ({type(reason).__name__})", verb="talk to")
    if isinstance(reason, HTTPException):
        return Failure("reset", f"broken HTTP answer ({type(reason).__name__})", verb="talk to")
    text = getattr(reason, "strerror", None) or str(reason)
    return Failure("reset" if isinstance(reason, OSError) else "fatal", text, verb="reach" if sending else "talk to")


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _excerpt(e: HTTPError, auth: Auth | None, limit: int = 300) -> str:
    """The start of an error's body, on one line, tags dropped, credentials scrubbed before it is cut."""
    try:
        body = e.read().decode("utf-8", "replace")
    except (OSError, HTTPException, ValueError):  # the body is only a hint
        return ""
    if "html" in (e.headers.get("Content-Type") or ""):
        body = re.sub(r"<[^>]+>", " ", body)
    body = scrub(" ".join(body.split()), auth)
    return body if len(body) <= limit else body[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------- the retry loop


def retrying(attempt: Callable[[], T], *, method: str, url: str, idempotent: bool,
             retry: RetryPolicy | None = None, auth: Auth | None = None) -> T:
    """``attempt()`` (one request to ``url``, raising :class:`Failure`), repeated as the module docstring says
    until it succeeds; when it fails for good, a RequestError naming ``url`` without its query string."""
    retry = retry or DEFAULT_RETRY
    where = redact(url).split("?", 1)[0]
    n = 0
    while True:
        n += 1
        try:
            return attempt()
        except Failure as f:
            failure = f
            failure.reason = scrub(failure.reason, auth)  # a server may echo the request back
        retryable = (failure.kind == "refused" or
                     (idempotent and (failure.kind in ("timeout", "reset") or failure.status in RETRY_STATUSES)))
        note = ""
        if not retryable and not idempotent and (failure.kind in ("timeout", "reset")
                                                 or failure.status in RETRY_STATUSES):
            note = f"; not retried: a {method} that merges data may already have been applied"
        wait = None
        if retryable and n < retry.attempts:
            wait = failure.retry_after if failure.retry_after is not None else retry.delay(n)
            if failure.retry_after is not None and failure.retry_after > retry.max_retry_after:
                note = f"; the server asked to retry after {failure.retry_after:g} s, longer than kg waits"
                wait = None
        if wait is None:
            tries = f" (after {n} attempts)" if n > 1 else ""
            raise RequestError(failure.message(where) + tries + note, url=where, reason=failure.reason,
                               status=failure.status, attempts=n, kind=failure.kind, note=note) from None
        log.warning("kg: %s %s failed: %s; retry %d of %d in %.3g s", method, where, failure.reason, n,
                    retry.retries, wait)
        retry.sleep(wait)


# --------------------------------------------------------------------------------------------- urllib


def _opener(url: str, auth: Auth | None):
    handlers: list[urllib.request.BaseHandler] = []
    if auth:
        parts = urlsplit(url)
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", auth[0], auth[1])
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


# (origin, user) pairs whose server asked for HTTP Basic: later requests there carry the credentials at once, not
# each sent first without them and again after the 401 challenge (Digest still answers each challenge: its nonce
# comes from the server).
_BASIC_ORIGINS: set[tuple[str, str]] = set()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def request(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None,
            auth: Auth | None = None, timeout: float = 60.0, retry: RetryPolicy | None = None,
            idempotent: bool | None = None) -> Response:
    """Send one HTTP request with urllib, retried by :func:`retrying`; 2xx or RequestError.

    ``idempotent`` defaults to "the method is GET, HEAD, PUT, DELETE or OPTIONS"; pass True for a
    SPARQL query sent as POST, or for a POST whose repetition cannot change the store.
    """
    if idempotent is None:
        idempotent = method.upper() in IDEMPOTENT_METHODS
    auth = auth or userinfo(url)
    url = redact(url)
    opener = _opener(url, auth)
    known_basic = auth is not None and (_origin(url), auth[0]) in _BASIC_ORIGINS

    def attempt() -> Response:
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"User-Agent": USER_AGENT, **(headers or {})})
        if known_basic:
            req.add_unredirected_header("Authorization", "Basic " + base64.b64encode(
                f"{auth[0]}:{auth[1]}".encode("utf-8")).decode("ascii"))
        try:
            with opener.open(req, timeout=timeout) as resp:
                answer = Response(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
        except (OSError, HTTPException, ValueError) as e:
            raise failure_of(e, url, timeout, auth) from None
        if auth and (req.get_header("Authorization") or "").startswith("Basic "):
            _BASIC_ORIGINS.add((_origin(url), auth[0]))
        return answer

    return retrying(attempt, method=method, url=url, idempotent=idempotent, retry=retry, auth=auth)
