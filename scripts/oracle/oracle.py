#!/usr/bin/env python3
"""Reference oracle: what The Alchemiser 2.27.0 Lambda does with an event.

A re-creation of ``lambda_handler`` (facts §1.1, §1.3, §1.4) and ``eventbridge_handler``
(§2) written from the facts (``docs/behaviour-2.27.md``, §1-§4 and §10-§13), with every side
effect stubbed:

* ``main(args)`` always succeeds (``trade`` returns an object with ``success=True``,
  ``pnl`` returns ``True``);
* the idempotency table never holds the event (``is_duplicate_event`` -> False);
* the application container builds, handlers succeed, marking is a no-op;
* Alpaca endpoint = the template default for the stage
  (dev ``https://paper-api.alpaca.markets/v2`` -> paper, prod ``https://api.alpaca.markets`` -> live).

The container is COLD (facts §10.1): ``main()`` never ran in it, so structlog keeps its
defaults and prints to a strict UTF-8 stdout -- the five log calls that can carry event data
(§10.3 #1, #3, #4, #5, #7) can raise ``UnicodeEncodeError`` (consolelog.py).  The Lambda
context has a 36-character ``aws_request_id`` and no ``request_id`` attribute (as in AWS).
String details are decoded with CPython 3.12.1's nesting cut-off (§13.1, pyjson.py),
whatever interpreter runs the oracle.

Usage::

    .venv/bin/python scripts/oracle/oracle.py --stage dev < events.jsonl > predictions.jsonl

Each input line is parsed with ``json.loads`` on the raw bytes of the line (as the Lambda
Python runtime does with the invoke payload); blank lines are skipped.  One JSON line is
printed per event (see ``predict``), or ``{"parse_error": "..."}``.
"""

from __future__ import annotations

import os

# pydantic-core reads these when it first renders a ValidationError; the Lambda has
# neither set, so make sure the URL line is rendered exactly as in the Lambda.
for _var in ("PYDANTIC_ERRORS_INCLUDE_URL", "PYDANTIC_ERRORS_OMIT_URL"):
    os.environ.pop(_var, None)

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import uuid  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pydantic  # noqa: E402
from pydantic import ValidationError  # noqa: E402

import pyjson  # noqa: E402
from consolelog import Logger  # noqa: E402
from model_2_27 import EVENT_CLASS_MAP, LambdaEvent  # noqa: E402

# Deep (<= 1497-level) values decoded from an event may be walked by _json_safe.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

# A Lambda request id has 36 characters (a UUID); only its length shows (facts §10.6:
# line #1 puts the top-level correlation_id at position 94 + len(aws_request_id)).
LAMBDA_REQUEST_ID = "8e3f6c2a-51d7-4b9e-a0c4-7d2e19b6f305"
HARNESS_REQUEST_ID = "test-request"  # the facts' harness (positions of §10.4)

STAGE_ENDPOINTS = {
    "dev": "https://paper-api.alpaca.markets/v2",
    "prod": "https://api.alpaca.markets",
}

# §1.1 step 5: the six domain detail-types (a set: membership hashes the value).
DOMAIN_EVENT_TYPES = {
    "WorkflowStarted",
    "SignalGenerated",
    "RebalancePlanned",
    "TradeExecuted",
    "WorkflowCompleted",
    "WorkflowFailed",
}

# §2.2 handler map (only two detail-types have a handler).
HANDLER_MAP = {
    "SignalGenerated": "PortfolioAnalysisHandler",
    "RebalancePlanned": "TradingExecutionHandler",
}

REDACTED_KEYS = ("api_key", "secret_key", "password", "token", "credentials")


# --------------------------------------------------------------------------------------
# Exceptions of the trading-error row of §1.3 (never raised with the stubs, kept so the
# except clauses mirror the real code).
# --------------------------------------------------------------------------------------
class DataProviderError(Exception):
    pass


class StrategyExecutionError(Exception):
    pass


class TradingClientError(Exception):
    pass


class Trace:
    """What the stubs observed during one invocation."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.main_args: list[str] | None = None
        self.handler: str | None = None
        self.dedup_checked = False
        self.dedup_key: Any = None
        self.validation_errors: list[dict[str, Any]] = []


class LambdaContext:
    """The Lambda context object: ``aws_request_id`` only (no ``request_id`` attribute)."""

    def __init__(self, aws_request_id: str) -> None:
        self.aws_request_id = aws_request_id


class _TradeRunResult:
    def __init__(self, success: bool) -> None:
        self.success = success


class _Handler:
    def __init__(self, name: str, trace: Trace) -> None:
        self.name = name
        self.trace = trace

    def handle_event(self, event_obj: Any) -> None:
        self.trace.handler = self.name


class Stubs:
    def __init__(self, stage: str, trace: Trace, log: Logger | None = None) -> None:
        self.stage = stage
        self.trace = trace
        self.log = log if log is not None else Logger(strict=True)

    # main() -- always succeeds
    def main(self, args: list[str]) -> Any:
        self.trace.main_args = list(args)
        if args and args[0] == "trade":
            return _TradeRunResult(success=True)
        return True

    # idempotency (§4) -- never a duplicate
    def is_duplicate_event(self, event_id: Any, stage: str) -> bool:
        self.trace.dedup_checked = True
        self.trace.dedup_key = event_id
        return False

    def mark_event_processed(self, event_id: Any, stage: str) -> bool:
        return True

    def alpaca_endpoint(self) -> str | None:
        return STAGE_ENDPOINTS[self.stage]


# --------------------------------------------------------------------------------------
# lambda_handler (§1)
# --------------------------------------------------------------------------------------


def _extract_correlation_id(event: Any) -> str:
    if isinstance(event, dict) and event.get("correlation_id"):
        return str(event["correlation_id"])
    if event is not None and not isinstance(event, dict) and getattr(event, "correlation_id", None):
        return str(event.correlation_id)  # LambdaEvent instance; not reachable from JSON
    return str(uuid.uuid4())


def _is_domain_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    detail_type = event.get("detail-type", "")
    source = event.get("source", "")
    # Membership first (TypeError for an unhashable detail-type), then str.startswith
    # (AttributeError for a non-str source), exactly in this order.
    return detail_type in DOMAIN_EVENT_TYPES and source.startswith("alchemiser.")


def _sanitized_event_text(event: Any) -> str:
    if not event or not isinstance(event, dict):
        return "None"
    safe = dict(event)
    for key in REDACTED_KEYS:
        if key in safe:
            safe[key] = "***REDACTED***"
    try:
        return json.dumps(safe)
    except RecursionError:
        # 3.12.1's C encoder takes 1497 levels (facts §13.2), as many as the event can have
        # (predict_line decodes with that cut-off); a RecursionError here is the running
        # interpreter's own lower limit: encode with the pure-Python encoder instead.
        return "".join(json.JSONEncoder().iterencode(safe))


def parse_event_mode(event: Any, log: Logger) -> list[str]:
    payload = event
    if isinstance(payload, dict) and "detail-type" in payload and "detail" in payload:
        # facts §10.3 #7 (debug, printed in a cold container): raises UnicodeEncodeError when
        # detail-type or source is a raw str with a lone surrogate -> the critical row.
        log.debug(
            "Detected EventBridge envelope; extracting detail payload",
            detail_type=payload.get("detail-type"),
            source=payload.get("source"),
        )
        payload = payload["detail"]  # one level of EventBridge envelope unwrapping
    if isinstance(payload, LambdaEvent):
        parsed: LambdaEvent | None = payload
    elif isinstance(payload, dict):
        parsed = LambdaEvent.model_validate(payload)
    else:
        parsed = None  # not an object: no validation, "no action"
    if parsed is not None and parsed.action == "pnl_analysis":
        args = ["pnl"]
        if parsed.pnl_type == "weekly":
            args.append("--weekly")
        elif parsed.pnl_type == "monthly":
            args.append("--monthly")
        if parsed.pnl_period:
            args.extend(["--period", parsed.pnl_period])
        if parsed.pnl_periods and parsed.pnl_periods > 1:
            args.extend(["--periods", str(parsed.pnl_periods)])
        if parsed.pnl_detailed:
            args.append("--detailed")
        return args
    return ["trade"]


def _determine_trading_mode(mode: str, stubs: Stubs) -> str:
    if mode != "trade":
        return "n/a"
    endpoint = stubs.alpaca_endpoint()
    if endpoint and "paper" in endpoint.lower():
        return "paper"
    return "live"


def _build_response(status: str, mode: str, trading_mode: str, message: str, request_id: str) -> dict[str, Any]:
    return {
        "status": status,
        "mode": mode,
        "trading_mode": trading_mode,
        "message": message,
        "request_id": request_id,
    }


def lambda_handler(event: Any, context: Any, stubs: Stubs) -> dict[str, Any]:
    trace = stubs.trace
    log = stubs.log
    trace.path = "crash_before_routing"
    request_id = getattr(context, "aws_request_id", "unknown") if context else "local"
    correlation_id = _extract_correlation_id(event)  # logging context only

    # facts §10.3 #1, outside any try: a raw str top-level correlation_id with a lone
    # surrogate raises UnicodeEncodeError out of the Lambda for every event shape.
    log.info(
        "Lambda invoked",
        aws_request_id=request_id,
        correlation_id=correlation_id,
        event_has_correlation_id=bool(isinstance(event, dict) and event.get("correlation_id")),
    )

    # Circuit breaker
    if isinstance(event, dict) and event.get("detail-type") == "ErrorNotificationRequested":
        trace.path = "circuit_breaker"
        log.info(
            "Skipping ErrorNotificationRequested event to prevent error cascade",
            detail_type=event.get("detail-type"),
        )  # #2: never raises
        return _build_response(
            "skipped",
            "error_notification",
            "n/a",
            "Error notification event skipped (circuit breaker)",
            request_id,
        )

    # Smart routing
    if _is_domain_event(event):
        trace.path = "domain"
        if not isinstance(event, dict):  # defensive branch, unreachable
            return _build_response(
                "failed", "unknown", "n/a", "Invalid event type for domain event routing", request_id
            )
        # facts §10.3 #3, outside any try: a source with a raw lone surrogate escapes here
        # (before eventbridge_handler: no dedup, no validation).
        log.info(
            "Routing to eventbridge_handler for domain event",
            detail_type=event.get("detail-type"),
            source=event.get("source"),
            correlation_id=correlation_id,
        )
        return eventbridge_handler(event, context, stubs)

    # Command path
    trace.path = "command"
    mode: str | None = None
    trading_mode: str | None = None
    try:
        # #6: the event as ASCII-escaped JSON (repr'd) and the correlation id that passed #1:
        # never raises UnicodeEncodeError; json.dumps can raise RecursionError (§13.2).
        log.info(
            "Lambda invoked with event",
            event_data=_sanitized_event_text(event),
            correlation_id=correlation_id,
        )
        command_args = parse_event_mode(event or {}, log)
        mode = command_args[0]
        trading_mode = _determine_trading_mode(mode, stubs)
        result = stubs.main(command_args)
        ok = bool(result.success) if hasattr(result, "success") else bool(result)
        message = (
            f"{trading_mode.title()} trading completed successfully"
            if ok
            else f"{trading_mode.title()} trading failed"
        )
        return _build_response("success" if ok else "failed", mode, trading_mode, message, request_id)
    except (DataProviderError, StrategyExecutionError, TradingClientError) as e:
        return _build_response(
            "failed",
            mode or "unknown",
            trading_mode or "unknown",
            f"Lambda execution error ({type(e).__name__}): {e!s}",
            request_id,
        )
    except (ImportError, AttributeError, ValueError, KeyError, TypeError, OSError) as e:
        # UnicodeEncodeError from #7 is a ValueError: critical-error response (§10.3).
        if isinstance(e, ValidationError):
            trace.validation_errors = _errors(e)
        return _build_response(
            "failed", "unknown", "unknown", f"Lambda execution critical error: {e!s}", request_id
        )


# --------------------------------------------------------------------------------------
# eventbridge_handler (§2)
# --------------------------------------------------------------------------------------


def eventbridge_handler(event: dict[str, Any], context: Any, stubs: Stubs) -> dict[str, Any]:
    trace = stubs.trace
    log = stubs.log
    detail = event.get("detail", {})
    if isinstance(detail, str):
        # Before the try; only JSONDecodeError is caught.  RecursionError past 1497 levels
        # (facts §13.1) and the int-digit-limit ValueError escape the Lambda.
        try:
            detail = pyjson.loads(detail)
        except json.JSONDecodeError:
            detail = {}

    correlation_id = detail.get("correlation_id", "unknown") if isinstance(detail, dict) else "unknown"
    lambda_request_id = getattr(context, "request_id", "unknown")  # "unknown" in AWS

    try:
        detail_type = event.get("detail-type", "")
        source = event.get("source", "")  # logged only
        event_id = detail.get("event_id") if isinstance(detail, dict) else "unknown"

        # facts §10.3 #4, before the dedup check: a raw detail correlation_id / event_id with
        # a lone surrogate raises here -> the except below (#5) -> re-raised, no dedup.
        log.info(
            "Received EventBridge event",
            detail_type=detail_type,
            source=source,
            event_id=event_id,
            correlation_id=correlation_id,
            lambda_request_id=lambda_request_id,
        )

        stage = "prod" if stubs.stage == "prod" else "dev"  # $APP__STAGE from the template
        if event_id and event_id != "unknown":
            if stubs.is_duplicate_event(event_id, stage=stage):
                return {"statusCode": 200, "body": "Duplicate event skipped"}

        if "timestamp" in detail and isinstance(detail["timestamp"], str):
            detail["timestamp"] = datetime.fromisoformat(detail["timestamp"].replace("Z", "+00:00"))

        event_class = EVENT_CLASS_MAP.get(detail_type)
        if event_class is None:
            return {"statusCode": 400, "body": f"Unknown event type: {detail_type}"}

        # A detail key "self" -> TypeError from BaseEvent's constructor (facts §11).
        event_obj = event_class.model_validate(detail)

        # ApplicationContainer.create_for_environment("production") -- stub: always builds
        handler_name = HANDLER_MAP.get(detail_type)
        if handler_name is None:
            return {"statusCode": 404, "body": f"No handler for: {detail_type}"}

        _Handler(handler_name, trace).handle_event(event_obj)

        if event_id and event_id != "unknown":
            stubs.mark_event_processed(event_id, stage=stage)

        return {"statusCode": 200, "body": "Event processed successfully"}
    except Exception as e:
        # facts §10.3 #5 (error, with traceback): if the detail correlation_id is a raw str
        # with a lone surrogate this log call raises a second UnicodeEncodeError, which
        # replaces the exception being handled.
        log.error(
            "Failed to handle EventBridge event",
            error=str(e),
            error_type=type(e).__name__,
            detail_type=event.get("detail-type", "unknown"),
            correlation_id=correlation_id,
            lambda_request_id=lambda_request_id,
        )
        raise


# --------------------------------------------------------------------------------------
# prediction
# --------------------------------------------------------------------------------------


def _errors(e: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(err["loc"]), "code": err["type"], "message": err["msg"]}
        for err in e.errors(include_url=False, include_context=False, include_input=False)
    ]


def _json_safe(value: Any) -> Any:
    """Non-finite floats -> "NaN"/"Infinity"/"-Infinity" (recursively)."""
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "NaN"
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def predict(
    event: Any,
    stage: str = "dev",
    *,
    request_id: str = LAMBDA_REQUEST_ID,
    sink: str = "strict",
) -> dict[str, Any]:
    """One invocation.  ``sink``: ``strict`` (cold Lambda: strict UTF-8 stdout) or
    ``lenient`` (log calls cannot fail: a warm container, facts §10.1/§10.4)."""
    trace = Trace()
    stubs = Stubs(stage, trace, Logger(strict=(sink == "strict")))
    response: dict[str, Any] | None = None
    exception: str | None = None
    exception_message: str | None = None
    try:
        response = lambda_handler(event, LambdaContext(request_id), stubs)
    except Exception as e:  # escapes the Lambda: invocation error
        exception = type(e).__name__
        exception_message = str(e)
        if isinstance(e, ValidationError):
            trace.validation_errors = _errors(e)
    if response is not None:
        response = {k: v for k, v in response.items() if k != "request_id"}
    return {
        "path": trace.path,
        "response": response,
        "exception": exception,
        "main_args": trace.main_args,
        "handler": trace.handler,
        "dedup_key": _json_safe(trace.dedup_key) if trace.dedup_checked else None,
        "validation_errors": trace.validation_errors,
        # str() of the escaping exception (e.g. the UnicodeEncodeError position of §10.6);
        # compare.py ignores it unless --exception-message.
        "exception_message": exception_message,
    }


def predict_line(line: bytes | str, stage: str, **kw: Any) -> dict[str, Any]:
    try:
        # The same 1497-level cut-off as string details (the runtime's own decoder and its
        # cut-off are not known, facts §13.2), independent of the interpreter.
        event = pyjson.loads(line)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, UnicodeDecodeError, int-digit limit
        return {"parse_error": str(e)}
    return predict(event, stage, **kw)


REQUIRED_PYDANTIC = "2.12.0"  # the Lambda layer's pin


def check_pydantic(allow_other: bool = False) -> bool:
    if pydantic.VERSION == REQUIRED_PYDANTIC:
        return True
    sys.stderr.write(
        f"oracle: pydantic {pydantic.VERSION} is installed, the Lambda runs {REQUIRED_PYDANTIC}; "
        "use .venv/bin/python (pip install -r scripts/oracle/requirements.txt)"
        + (" -- continuing anyway\n" if allow_other else "\n")
    )
    return allow_other


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stage", choices=("dev", "prod"), default="dev")
    ap.add_argument("--allow-other-pydantic", action="store_true", help="run even if pydantic is not 2.12.0")
    ap.add_argument(
        "--sink",
        choices=("strict", "lenient"),
        default="strict",
        help="stdout of the container: strict UTF-8 (cold Lambda, default) or one that cannot fail (warm)",
    )
    ap.add_argument(
        "--request-id",
        default=LAMBDA_REQUEST_ID,
        help=f"the context's aws_request_id (default: a 36-char id; the facts' harness used {HARNESS_REQUEST_ID!r})",
    )
    args = ap.parse_args()
    if not check_pydantic(args.allow_other_pydantic):
        return 2
    out = sys.stdout
    for raw in sys.stdin.buffer:
        line = raw.rstrip(b"\n")
        if not line.strip():
            continue
        pred = predict_line(line, args.stage, request_id=args.request_id, sink=args.sink)
        out.write(json.dumps(pred, allow_nan=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
