"""structlog 25.4.0's built-in default logging, as a cold 2.27.0 Lambda container has it.

Facts §10.1-§10.2, §10.6.  Until ``main()`` runs, structlog keeps its defaults: every level
(debug included) is printed, one ``print`` per call, to ``sys.stdout`` -- in Lambda a strict
UTF-8 text stream -- through the processors contextvars merge, level, local-time timestamp
``YYYY-MM-DD HH:MM:SS`` and ``ConsoleRenderer`` without colours (stdout is not a TTY).  A line
holding a lone surrogate therefore raises ``UnicodeEncodeError`` out of the log call, with
the position of the first surrogate run in the rendered line.

The line is rendered here exactly as ``ConsoleRenderer(colors=False)`` does (selftest.py
checks it against the real structlog 25.4.0): timestamp (19 chars), space, ``[`` + level
left-justified to 9 + ``]``, space, message left-justified to 30, then `` key=value`` per
field in sorted key order, trailing spaces trimmed.  A ``str`` value holding any of space,
tab, CR, LF, ``=``, ``"``, ``'`` is ``repr()``'d, other ``str`` values are written as they
are, every other value is ``repr()``'d.  The timestamp is a fixed stand-in of the same width
(only positions matter); tracebacks (``exc_info``) are not rendered: they follow the first
line and never hold a raw surrogate (facts §10.2).

Standard library only.
"""

from __future__ import annotations

from typing import Any

# facts §10.2: the characters that switch a str value to repr().
REPR_CHARS = frozenset(" \t\r\n=\"'")

TIMESTAMP = "2025-10-14 12:00:00"  # stand-in for local time; always 19 characters
LEVEL_WIDTH = 9  # len("exception"), the longest level name structlog pads to
EVENT_WIDTH = 30


def render_value(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if not REPR_CHARS.isdisjoint(value) else value
    return repr(value)


def render_line(message: str, level: str, fields: dict[str, Any]) -> str:
    parts = [TIMESTAMP, "[" + level.ljust(LEVEL_WIDTH) + "]", message.ljust(EVENT_WIDTH)]
    parts.extend(f"{key}={render_value(fields[key])}" for key in sorted(fields))
    return " ".join(parts).rstrip(" ")


class Logger:
    """One cold-container logger.  ``strict``: stdout is strict UTF-8 (Lambda); otherwise a
    sink that cannot fail (a warm container whose ``main()`` reconfigured logging, §10.1)."""

    def __init__(self, strict: bool = True) -> None:
        self.strict = strict
        self.lines: list[str] = []  # what was printed (for tests)

    def _log(self, level: str, message: str, fields: dict[str, Any]) -> None:
        if not self.strict:
            return
        line = render_line(message, level, fields)
        # TextIOWrapper(encoding="utf-8", errors="strict").write(line): a lone surrogate
        # raises UnicodeEncodeError here, with positions counted in the line's code points,
        # and nothing of the line is written.
        line.encode("utf-8")
        self.lines.append(line)

    def debug(self, message: str, **fields: Any) -> None:
        self._log("debug", message, fields)

    def info(self, message: str, **fields: Any) -> None:
        self._log("info", message, fields)

    def error(self, message: str, **fields: Any) -> None:
        self._log("error", message, fields)
