#!/usr/bin/env python3
"""Compare oracle predictions with the Rust tool's predictions, line by line.

    python3 scripts/oracle/compare.py /tmp/oracle.jsonl /tmp/rust.jsonl [--input /tmp/corpus.jsonl] [--show 20]

Each line of either file is a bare prediction object or an object with the prediction
under the key ``lambda`` (the Rust tool's format; its other keys are ignored).  Lines are
paired by position.

Compared fields: path, response, exception, main_args, handler, dedup_key, and
validation_errors (loc and code).  Reported separately, and not failing unless --strict:
validation error messages, and the text of a critical-error ``response.message``
(``Lambda execution critical error: <str(ValidationError)>``) when its first line matches.
``request_id`` is ignored inside responses.  The oracle's ``exception_message`` (``str()`` of
the exception escaping the Lambda, e.g. a ``UnicodeEncodeError`` with its position, facts
§10.6) is compared only with --exception-message, and only its first line (route keeps just
the first line of a ValidationError's text; the errors are in validation_errors).  Every line
where the oracle trades and route predicts no trade (nor ``trades_when_warm``) is counted as
"trades under-predicted" and fails the run; --trades-only checks nothing else.  JSON values are compared with their types
(``1`` != ``1.0`` != ``true``).  A line the oracle could not parse (``parse_error``) must be
a parse error on the other side too (key ``parse_error`` or ``error``, or no prediction).

Exit status: 0 when no non-message field differs, 1 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyjson import loads_any_depth  # noqa: E402  (tool output may nest past json's C limit)

FIELDS = ("path", "response", "exception", "main_args", "handler", "dedup_key", "validation_errors")
CRITICAL_PREFIX = "Lambda execution critical error: "


def same(a: Any, b: Any) -> bool:
    """Type-aware JSON equality (bool, int and float are distinct; NaN == NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return set(a) == set(b) and all(same(a[k], b[k]) for k in a)  # key order ignored
    return a == b


def prediction(obj: Any) -> tuple[str, Any]:
    """('pred', dict) | ('parse_error', text) | ('bad', reason)."""
    if not isinstance(obj, dict):
        return "bad", "line is not a JSON object"
    if "lambda" in obj:
        inner = obj["lambda"]
        if inner is None:
            return "parse_error", obj.get("error") or obj.get("parse_error")
        obj = inner
        if not isinstance(obj, dict):
            return "bad", "'lambda' is not an object"
    if "parse_error" in obj:
        return "parse_error", obj["parse_error"]
    if "path" not in obj:
        if "error" in obj:
            return "parse_error", obj["error"]
        return "parse_error", None
    return "pred", obj


def strip_request_id(resp: Any) -> Any:
    if isinstance(resp, dict):
        return {k: v for k, v in resp.items() if k != "request_id"}
    return resp


def compare_response(a: Any, b: Any) -> str | None:
    """None if equal; 'message' if only a critical-error message text differs; else 'response'."""
    a, b = strip_request_id(a), strip_request_id(b)
    if same(a, b):
        return None
    if isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and "message" in a:
        rest_a = {k: v for k, v in a.items() if k != "message"}
        rest_b = {k: v for k, v in b.items() if k != "message"}
        ma, mb = a["message"], b["message"]
        if (
            same(rest_a, rest_b)
            and isinstance(ma, str)
            and isinstance(mb, str)
            and ma.startswith(CRITICAL_PREFIX)
            and mb.startswith(CRITICAL_PREFIX)
            and ma.split("\n", 1)[0] == mb.split("\n", 1)[0]
        ):
            return "message"
    return "response"


def trades(p: dict[str, Any]) -> bool:
    args = p.get("main_args")
    return isinstance(args, list) and bool(args) and args[0] == "trade"


def compare(
    o: dict[str, Any], r: dict[str, Any], exception_message: bool = False
) -> tuple[list[str], list[str]]:
    """(hard field differences, message-only differences)"""
    hard: list[str] = []
    soft: list[str] = []
    if exception_message:
        em_o, em_r = o.get("exception_message"), r.get("exception_message")
        # route keeps a ValidationError's first line (its errors are in validation_errors).
        first = lambda m: m.split("\n", 1)[0] if isinstance(m, str) else m  # noqa: E731
        if not same(first(em_o), first(em_r)):
            hard.append("exception_message")
    for f in FIELDS:
        if f not in r:
            hard.append(f)
            continue
        if f == "response":
            res = compare_response(o[f], r[f])
            if res == "response":
                hard.append(f)
            elif res == "message":
                soft.append("response.message")
        elif f == "validation_errors":
            ve_o, ve_r = o[f], r[f]
            if not isinstance(ve_r, list) or len(ve_o) != len(ve_r):
                hard.append(f)
                continue
            if any(
                not isinstance(y, dict)
                or not same(x["loc"], y.get("loc"))
                or not same(x["code"], y.get("code"))
                for x, y in zip(ve_o, ve_r)
            ):
                hard.append(f)
            elif any(not same(x["message"], y.get("message")) for x, y in zip(ve_o, ve_r)):
                soft.append("validation_errors.message")
        elif not same(o[f], r[f]):
            hard.append(f)
    return hard, soft


def main() -> int:
    ap = argparse.ArgumentParser(description="Compare oracle and Rust predictions (JSONL).")
    ap.add_argument("oracle")
    ap.add_argument("rust")
    ap.add_argument("--input", help="the corpus both were run on (shown next to differences)")
    ap.add_argument("--show", type=int, default=20, help="how many differing lines to print (default 20)")
    ap.add_argument("--strict", action="store_true", help="message differences also fail")
    ap.add_argument(
        "--exception-message",
        action="store_true",
        help="also compare exception_message (str() of the exception escaping the Lambda)",
    )
    ap.add_argument(
        "--trades-only",
        action="store_true",
        help="check only that no event the oracle trades on is predicted without a trade "
        "(route's main_args, or its trades_when_warm for an oracle run with --sink lenient)",
    )
    args = ap.parse_args()

    with open(args.oracle, "rb") as f:
        o_lines = [l for l in f.read().split(b"\n") if l.strip()]
    with open(args.rust, "rb") as f:
        r_lines = [l for l in f.read().split(b"\n") if l.strip()]
    inputs: list[bytes] = []
    if args.input:
        with open(args.input, "rb") as f:
            inputs = [l for l in f.read().split(b"\n") if l.strip()]

    under_predicted: list[int] = []
    hard_counts: Counter[str] = Counter()
    soft_counts: Counter[str] = Counter()
    shown = 0
    lines_hard = 0
    lines_soft = 0
    n = min(len(o_lines), len(r_lines))
    for i in range(n):
        o_kind, o_val = prediction(loads_any_depth(o_lines[i]))
        try:
            r_kind, r_val = prediction(loads_any_depth(r_lines[i]))
        except ValueError as e:
            r_kind, r_val = "bad", f"invalid JSON: {e}"
        hard: list[str] = []
        soft: list[str] = []
        if o_kind == "parse_error" or r_kind != "pred":
            if o_kind != r_kind:
                hard.append("parse_error" if "parse_error" in (o_kind, r_kind) else "line")
        else:
            if trades(o_val) and not (trades(r_val) or r_val.get("trades_when_warm") is True):
                under_predicted.append(i + 1)
            if args.trades_only:
                continue
            hard, soft = compare(o_val, r_val, args.exception_message)
        for f in hard:
            hard_counts[f] += 1
        for f in soft:
            soft_counts[f] += 1
        if hard:
            lines_hard += 1
        elif soft:
            lines_soft += 1
        if (hard or (soft and args.strict)) and shown < args.show:
            shown += 1
            print(f"--- line {i + 1}: {', '.join(hard + soft)}")
            if inputs and i < len(inputs):
                print(f"input:  {inputs[i].decode('utf-8', 'backslashreplace')}")
            print(f"oracle: {o_lines[i].decode('utf-8', 'backslashreplace')}")
            print(f"rust:   {r_lines[i].decode('utf-8', 'backslashreplace')}")

    print("=== summary")
    print(f"lines compared: {n} (oracle {len(o_lines)}, rust {len(r_lines)})")
    if len(o_lines) != len(r_lines):
        print("LINE COUNT MISMATCH")
    print(f"lines with field differences: {lines_hard}")
    for f in ("parse_error", "line") + FIELDS + ("exception_message",):
        if hard_counts[f]:
            print(f"  {f}: {hard_counts[f]}")
    print(f"lines with message-only differences (message mismatches): {lines_soft}")
    for f, c in sorted(soft_counts.items()):
        print(f"  {f}: {c}")
    # The property that matters most: route never says "no trade" where the Lambda trades.
    print(f"trades under-predicted: {len(under_predicted)}" + (f" (lines {under_predicted[:10]})" if under_predicted else ""))
    failed = (
        lines_hard > 0
        or bool(under_predicted)
        or len(o_lines) != len(r_lines)
        or (args.strict and sum(soft_counts.values()) > 0)
    )
    print("RESULT:", "DIFFERENT" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
