"""``json.loads`` as CPython 3.12.1 runs it inside the Lambda, on any interpreter.

Facts §13.1: the stdlib C scanner spends one unit of CPython's C recursion budget per array or
object it opens (the outermost included); with the handler called through plain Python calls
on 3.12.1, 1497 levels decode and opening the 1498th raises ``RecursionError`` with the
message ``maximum recursion depth exceeded while decoding a JSON array from a unicode string``
(``... a JSON object ...`` when the container being opened is an object).

That budget is interpreter-specific (3.11 uses the Python recursion limit and stops near 994;
later 3.12.x releases changed the C limit; ``python -m``/``exec`` cost 3 levels each), so the
oracle must not rely on the interpreter it runs on.  ``loads`` therefore

* decodes with the stdlib C decoder when the text cannot nest deeper than ``FAST_PATH_MAX``
  (no more ``[``/``{`` characters than that), falling back to the scanner below if that
  interpreter's C scanner still runs out of recursion budget;
* otherwise decodes with a scanner built from the stdlib's own pure-Python pieces
  (``json.decoder.JSONObject`` / ``JSONArray`` and the C ``scanstring``) that counts the
  levels itself and raises the exact ``RecursionError`` when a container would be level
  ``DEPTH_LIMIT + 1``, with the Python recursion limit raised for the call so that
  ``DEPTH_LIMIT`` levels always decode.

The pure-Python scanner differs from the C one in a single known point, which is corrected
here: ``json.scanner.NUMBER_RE`` uses ``\\d`` (any Unicode digit) where the C scanner accepts
only ASCII digits.  Syntax errors, ``NaN``/``Infinity``, the 4300-digit ``int`` limit
(``ValueError``), duplicate keys and lone surrogates behave as in the C scanner; selftest.py
compares both decoders on every string detail of a generated corpus.

Standard library only.
"""

from __future__ import annotations

import json
import re
import sys
from json.decoder import JSONArray, JSONDecodeError, JSONObject, scanstring
from typing import Any

# Facts §13.1 (CPython 3.12.1, handler called from Python): 1497 levels decode, 1498 raise.
DEPTH_LIMIT = 1497

# Texts with at most this many '[' + '{' go to the C decoder unchanged.
FAST_PATH_MAX = 200

_RECURSION_MESSAGE = "maximum recursion depth exceeded while decoding a JSON {} from a unicode string"

# json.scanner.NUMBER_RE with ASCII digits, as the C scanner (_match_number_unicode) reads them.
_NUMBER_RE = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?", re.DOTALL)

_C_DECODER = json.JSONDecoder()


class _BoundedScanner:
    """``json.scanner.py_make_scanner`` for the default decoder, plus a level counter."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self.memo: dict[str, str] = {}

    def _scan_once(self, string: str, idx: int) -> tuple[Any, int]:
        try:
            nextchar = string[idx]
        except IndexError:
            raise StopIteration(idx) from None

        if nextchar == '"':
            return scanstring(string, idx + 1, True)
        if nextchar == "{" or nextchar == "[":
            if self.depth >= self.limit:
                raise RecursionError(_RECURSION_MESSAGE.format("object" if nextchar == "{" else "array"))
            self.depth += 1
            try:
                if nextchar == "{":
                    return JSONObject((string, idx + 1), True, self._scan_once, None, None, self.memo)
                return JSONArray((string, idx + 1), self._scan_once)
            finally:
                self.depth -= 1
        if nextchar == "n" and string[idx : idx + 4] == "null":
            return None, idx + 4
        if nextchar == "t" and string[idx : idx + 4] == "true":
            return True, idx + 4
        if nextchar == "f" and string[idx : idx + 5] == "false":
            return False, idx + 5

        m = _NUMBER_RE.match(string, idx)
        if m is not None:
            integer, frac, exp = m.groups()
            if frac or exp:
                res: Any = float(integer + (frac or "") + (exp or ""))
            else:
                res = int(integer)
            return res, m.end()
        if nextchar == "N" and string[idx : idx + 3] == "NaN":
            return float("nan"), idx + 3
        if nextchar == "I" and string[idx : idx + 8] == "Infinity":
            return float("inf"), idx + 8
        if nextchar == "-" and string[idx : idx + 9] == "-Infinity":
            return float("-inf"), idx + 9
        raise StopIteration(idx)

    def __call__(self, string: str, idx: int) -> tuple[Any, int]:
        try:
            return self._scan_once(string, idx)
        finally:
            self.memo.clear()


def _bounded_decode(s: str, limit: int) -> Any:
    decoder = json.JSONDecoder()
    decoder.scan_once = _BoundedScanner(limit)  # type: ignore[assignment]
    # About 3 Python frames per level; Python-to-Python calls do not use the C stack on 3.11+.
    old = sys.getrecursionlimit()
    need = sys.getrecursionlimit() + 4 * limit + 1000
    sys.setrecursionlimit(max(old, need))
    try:
        return decoder.decode(s)
    finally:
        sys.setrecursionlimit(old)


def loads(s: str | bytes, limit: int = DEPTH_LIMIT, *, fast_path: bool = True) -> Any:
    """``json.loads(s)`` with CPython 3.12.1's nesting cut-off at ``limit`` levels
    (``fast_path=False``: always the counting scanner, for tests)."""
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    else:
        s = s.decode(json.detect_encoding(s), "surrogatepass")
    if fast_path and s.count("[") + s.count("{") <= FAST_PATH_MAX:
        try:
            return _C_DECODER.decode(s)
        except RecursionError:
            # Not the 1497-level cut-off (at most FAST_PATH_MAX levels here): an interpreter
            # whose C scanner uses a low Python recursion limit (3.11 and older).
            pass
    return _bounded_decode(s, limit)


def loads_any_depth(s: str | bytes) -> Any:
    """``json.loads`` without a nesting cut-off (for reading tool output, not for predictions)."""
    try:
        return json.loads(s)
    except RecursionError:
        text = s if isinstance(s, str) else s.decode(json.detect_encoding(s), "surrogatepass")
        return _bounded_decode(text.lstrip("\ufeff"), text.count("[") + text.count("{") + 1)


def nesting_depth(s: str) -> int:
    """Deepest array/object nesting of a (valid prefix of a) JSON text, strings skipped."""
    depth = best = 0
    in_str = esc = False
    for ch in s:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best
