#!/usr/bin/env python3
"""Self-test: the oracle reproduces every verified case of the facts file (§6, §8.3, plus the
verified statements of §1-§3 and the relevant §8.1/§8.2 unit-test expectations) and of its
addendum (§10.2-§10.6 logging, §11 "self" keys, §12 strip sets, §13.1 nesting cut-off).

Run:  .venv/bin/python scripts/oracle/selftest.py
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyjson  # noqa: E402
from consolelog import Logger, render_line  # noqa: E402
from model_2_27 import EVENT_CLASS_MAP  # noqa: E402
from oracle import (  # noqa: E402
    HARNESS_REQUEST_ID,
    LAMBDA_REQUEST_ID,
    LambdaContext,
    Stubs,
    Trace,
    check_pydantic,
    lambda_handler,
    predict,
    predict_line,
)

# The project's own fixtures of the four event shapes §6 covers (the repository stands alone).
REF = Path(__file__).resolve().parents[2] / "test-events"

PAPER_OK = {
    "status": "success",
    "mode": "trade",
    "trading_mode": "paper",
    "message": "Paper trading completed successfully",
}
LIVE_OK = dict(PAPER_OK, trading_mode="live", message="Live trading completed successfully")
SKIPPED = {
    "status": "skipped",
    "mode": "error_notification",
    "trading_mode": "n/a",
    "message": "Error notification event skipped (circuit breaker)",
}
PNL_OK = {
    "status": "success",
    "mode": "pnl",
    "trading_mode": "n/a",
    "message": "N/A trading completed successfully",
}

# §8.2 fixture detail
SIGNAL_DETAIL = {
    "event_id": "event-123",
    "correlation_id": "corr-123",
    "causation_id": "cause-123",
    "timestamp": "2023-10-14T12:00:00+00:00",
    "source_module": "strategy",
    "schema_version": "1.0",
    "signals_data": {"BTC": 0.5},
    "consolidated_portfolio": {"BTC": 0.5},
    "signal_count": 1,
    "metadata": {},
}


def envelope(detail_type, detail, source="alchemiser.strategy", **extra):
    ev = {
        "version": "0",
        "id": "env-id-1",
        "detail-type": detail_type,
        "source": source,
        "account": "123456789012",
        "time": "2025-10-14T13:35:50Z",
        "region": "us-east-1",
        "resources": [],
        "detail": detail,
    }
    ev.update(extra)
    return ev


def changed(base, **changes):
    """A copy of `base` with `changes` applied; `...` removes a key."""
    d = copy.deepcopy(base)
    for k, v in changes.items():
        if v is ...:
            d.pop(k, None)
        else:
            d[k] = v
    return d


def sig(**changes):
    return changed(SIGNAL_DETAIL, **changes)


FAILURES: list[str] = []
COUNT = 0


def check(name, cond, got=None):
    global COUNT
    COUNT += 1
    if not cond:
        name = name.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
        FAILURES.append(f"{name}: {json.dumps(got, default=str)[:600]}")


def codes(p):
    return [e["code"] for e in p["validation_errors"]]


def locs(p):
    return [tuple(e["loc"]) for e in p["validation_errors"]]


def is_critical(p):
    r = p["response"]
    return (
        p["path"] == "command"
        and p["exception"] is None
        and r is not None
        and r["status"] == "failed"
        and r["mode"] == "unknown"
        and r["trading_mode"] == "unknown"
        and r["message"].startswith("Lambda execution critical error: ")
        and p["main_args"] is None
    )


def is_trade(p, stage="dev"):
    return (
        p["path"] == "command"
        and p["response"] == (PAPER_OK if stage == "dev" else LIVE_OK)
        and p["main_args"] == ["trade"]
        and p["exception"] is None
        and p["validation_errors"] == []
    )


def is_pnl(p, args):
    return p["path"] == "command" and p["response"] == PNL_OK and p["main_args"] == args


def escapes(p, exc, path="domain"):
    return p["path"] == path and p["response"] is None and p["exception"] == exc


# ---------------------------------------------------------------------------- §6
def test_section6():
    def load(name):
        return json.loads((REF / name).read_bytes())

    p = predict(load("direct-trade.json"))
    check("§6 direct-trade", is_trade(p), p)
    p = predict(load("error-notification-circuit-breaker.json"))
    check("§6 error-notification", p["path"] == "circuit_breaker" and p["response"] == SKIPPED
          and p["dedup_key"] is None and p["exception"] is None, p)
    p = predict(load("scheduler-envelope-trade.json"))
    check("§6 scheduler-trade", is_trade(p), p)
    p = predict(load("workflow-started-no-handler.json"))
    check("§6 workflow-started", p["path"] == "domain"
          and p["response"] == {"statusCode": 404, "body": "No handler for: WorkflowStarted"}
          and p["dedup_key"] == "workflow-started-test" and p["handler"] is None
          and p["exception"] is None and p["validation_errors"] == [], p)
    # prod stage: direct trade is live
    p = predict(load("direct-trade.json"), stage="prod")
    check("§6 direct-trade prod", is_trade(p, "prod"), p)


# ---------------------------------------------------------------------------- §8.3
def test_section83():
    # circuit breaker with no detail / any source
    for ev in (
        {"detail-type": "ErrorNotificationRequested"},
        {"detail-type": "ErrorNotificationRequested", "source": "custom.x"},
        {"detail-type": "ErrorNotificationRequested", "source": 5, "detail": None},
        {"detail-type": "ErrorNotificationRequested", "source": ["x"], "detail": "junk"},
    ):
        p = predict(ev)
        check(f"circuit breaker {ev}", p["path"] == "circuit_breaker" and p["response"] == SKIPPED, p)
    p = predict({"detail-type": "errornotificationrequested"})
    check("circuit breaker case-sensitive", is_critical(p), p)

    # Scheduled Event envelope with {} / null / string detail -> trade
    for d in ({}, None, "not json", '{"mode":"bot"}', [1, 2]):
        p = predict(envelope("Scheduled Event", d, source="aws.scheduler"))
        check(f"scheduled event detail={d!r}", is_trade(p), p)

    # envelope missing detail -> critical (extra_forbidden detail-type, source)
    p = predict({"detail-type": "Scheduled Event", "source": "aws.scheduler"})
    check("envelope w/o detail", is_critical(p) and codes(p) == ["extra_forbidden"] * 2
          and locs(p) == [("detail-type",), ("source",)], p)
    # {"detail": {...}} without detail-type -> critical
    p = predict({"detail": {"mode": "trade"}})
    check("detail w/o detail-type", is_critical(p) and locs(p) == [("detail",)]
          and codes(p) == ["extra_forbidden"], p)

    # domain type + non-alchemiser. source -> critical (7 errors for the SignalGenerated detail)
    for src in ("custom.x", "alchemiser", "Alchemiser.x", "aws.events", None):
        ev = envelope("SignalGenerated", copy.deepcopy(SIGNAL_DETAIL), source=src)
        if src is None:
            del ev["source"]
        p = predict(ev)
        check(f"domain type source={src!r}", is_critical(p) and len(codes(p)) == 7
              and set(codes(p)) == {"extra_forbidden"}
              and {l[0] for l in locs(p)} == set(SIGNAL_DETAIL) - {"correlation_id", "causation_id", "schema_version"}
              and p["response"]["message"].startswith(
                  "Lambda execution critical error: 7 validation errors for LambdaEvent"), p)

    # alchemiser. source + non-domain type
    p = predict(envelope("TestEvent", {}, source="alchemiser.test"))
    check("TestEvent {} -> trade", is_trade(p), p)
    p = predict({"detail-type": "TestEvent", "source": "alchemiser.test", "detail": {}})
    check("TestEvent minimal -> trade", is_trade(p), p)
    p = predict(envelope("StartupEvent", {"mode": "trade"}, source="alchemiser.orchestration.system"))
    check("StartupEvent {mode:trade} -> trade", is_trade(p), p)
    p = predict(envelope("StartupEvent", sig(), source="alchemiser.orchestration.system"))
    check("StartupEvent BaseEvent detail -> critical", is_critical(p), p)
    p = predict(envelope("TradingNotificationRequested", sig(), source="alchemiser.orchestration"))
    check("TradingNotificationRequested -> critical", is_critical(p), p)

    # crashes before routing
    p = predict(envelope("SignalGenerated", sig(), source=5))
    check("source number -> AttributeError", escapes(p, "AttributeError", "crash_before_routing"), p)
    p = predict(envelope("SignalGenerated", sig(), source=None))
    check("source null -> AttributeError", escapes(p, "AttributeError", "crash_before_routing"), p)
    p = predict(envelope(["SignalGenerated"], sig()))
    check("detail-type array -> TypeError", escapes(p, "TypeError", "crash_before_routing"), p)
    p = predict(envelope({"a": 1}, sig()))
    check("detail-type object -> TypeError", escapes(p, "TypeError", "crash_before_routing"), p)
    p = predict(envelope(None, {"mode": "trade"}))
    check("detail-type null -> not in set -> trade", is_trade(p), p)
    p = predict(envelope("Scheduled Event", {}, source=7))
    check("non-domain type, numeric source -> trade", is_trade(p), p)

    # LambdaEvent cases
    check("{mode: bot} -> trade", is_trade(predict({"mode": "bot"})))
    p = predict({"action": "monthly_summary"})
    check("monthly_summary -> literal_error", is_critical(p) and codes(p) == ["literal_error"]
          and locs(p) == [("action",)], p)
    p = predict({"action": "pnl_analysis"})
    check("pnl w/o type/period -> value_error", is_critical(p) and codes(p) == ["value_error"]
          and locs(p) == [()]
          and p["validation_errors"][0]["message"] ==
          "Value error, P&L analysis requires either 'pnl_type' or 'pnl_period' to be specified", p)
    for v, code in (("3", "int_type"), (0, "greater_than_equal"), (True, "int_type"),
                    (-1, "greater_than_equal"), (2.0, "int_type")):
        p = predict({"action": "pnl_analysis", "pnl_type": "weekly", "pnl_periods": v})
        check(f"pnl_periods {v!r}", is_critical(p) and codes(p) == [code], p)
    p = predict({"pnl_detailed": "true"})
    check("pnl_detailed 'true'", is_critical(p) and codes(p) == ["bool_type"], p)
    p = predict({"pnl_detailed": 1})
    check("pnl_detailed 1", is_critical(p) and codes(p) == ["bool_type"], p)
    for m in (" trade ", "TRADE"):
        p = predict({"mode": m})
        check(f"mode {m!r}", is_critical(p) and codes(p) == ["literal_error"], p)
        check(f"mode {m!r} msg", p["validation_errors"][0]["message"] == "Input should be 'trade' or 'bot'", p)
    p = predict({"correlation_id": 123})
    check("correlation_id 123", is_critical(p) and codes(p) == ["string_type"], p)
    p = predict({"correlation_id": ""})
    check("correlation_id '' allowed", is_trade(p), p)
    p = predict({"schema_version": "2.0"})
    check("schema_version 2.0", is_critical(p) and codes(p) == ["literal_error"], p)
    p = predict({"schema_version": None})
    check("schema_version null", is_critical(p) and codes(p) == ["literal_error"], p)
    p = predict({"month": "2024-1"})
    check("month 2024-1", is_critical(p) and codes(p) == ["string_pattern_mismatch"], p)
    check("month 2024-13", is_trade(predict({"month": "2024-13"})))
    check("month ' 2024-01 '", is_trade(predict({"month": " 2024-01 "})))
    p = predict({"action": "pnl_analysis", "pnl_period": " 3M "})
    check("pnl_period ' 3M ' stripped", is_pnl(p, ["pnl", "--period", "3M"]), p)
    p = predict({"action": "pnl_analysis", "pnl_period": "0W"})
    check("pnl_period 0W", is_pnl(p, ["pnl", "--period", "0W"]), p)
    p = predict({"action": "pnl_analysis", "pnl_period": "3m"})
    check("pnl_period 3m", is_critical(p) and codes(p) == ["string_pattern_mismatch"], p)
    p = predict({"arguments": "x"})
    check("arguments str -> list_type", is_critical(p) and codes(p) == ["list_type"], p)
    for payload in ([1, 2], "hello", 5, 0, None, {}, [], "", False, True, 0.0):
        check(f"non-object payload {payload!r} -> trade", is_trade(predict(payload)))

    # domain path
    p = predict(envelope("SignalGenerated", sig(event_id=...)))
    check("SignalGenerated w/o event_id", escapes(p, "ValidationError") and p["dedup_key"] is None
          and codes(p) == ["missing"] and locs(p) == [("event_id",)], p)
    p = predict(envelope("SignalGenerated", sig(event_id="unknown")))
    check("event_id unknown", p["path"] == "domain" and p["dedup_key"] is None
          and p["response"] == {"statusCode": 200, "body": "Event processed successfully"}
          and p["handler"] == "PortfolioAnalysisHandler", p)
    p = predict(envelope("SignalGenerated", sig(timestamp="not-a-date")))
    check("bad timestamp -> ValueError after dedup", escapes(p, "ValueError")
          and p["dedup_key"] == "event-123" and p["validation_errors"] == [], p)
    p = predict(envelope("SignalGenerated", sig(signal_count="1")))
    check("signal_count '1'", escapes(p, "ValidationError") and codes(p) == ["int_type"]
          and locs(p) == [("signal_count",)], p)
    p = predict(envelope("SignalGenerated", sig(correlation_id="")))
    check("empty correlation_id", escapes(p, "ValidationError") and codes(p) == ["string_too_short"], p)
    p = predict(envelope("SignalGenerated", sig(correlation_id="   ")))
    check("whitespace correlation_id", escapes(p, "ValidationError") and codes(p) == ["string_too_short"], p)
    p = predict(envelope("SignalGenerated", sig(extra_key=1, another={"x": [1]})))
    check("extra detail keys accepted", p["response"] == {"statusCode": 200, "body": "Event processed successfully"}, p)
    te = {"correlation_id": "c", "causation_id": "c", "event_id": "trade-executed-1",
          "timestamp": "2025-10-14T12:00:00Z", "source_module": "execution_v2.handlers",
          "execution_data": {}, "success": True, "orders_placed": 1, "orders_succeeded": 1}
    p = predict(envelope("TradeExecuted", te, source="alchemiser.execution_v2.handlers"))
    check("TradeExecuted valid -> 404", p["response"] == {"statusCode": 404, "body": "No handler for: TradeExecuted"}
          and p["dedup_key"] == "trade-executed-1" and p["handler"] is None, p)
    wf = {"correlation_id": "c", "causation_id": "c", "event_id": "workflow-failed-1",
          "timestamp": "2025-10-14T12:00:00Z", "source_module": "x", "metadata": None,
          "workflow_type": "trading", "failure_reason": "r", "failure_step": "s"}
    p = predict(envelope("WorkflowFailed", wf, source="alchemiser.strategy_v2.handlers"))
    check("WorkflowFailed valid -> 404", p["response"] == {"statusCode": 404, "body": "No handler for: WorkflowFailed"}
          and p["dedup_key"] == "workflow-failed-1", p)
    p = predict(envelope("SignalGenerated", "{not json"))
    check("detail invalid JSON string -> {} -> ValidationError", escapes(p, "ValidationError")
          and p["dedup_key"] is None and len(codes(p)) == 8 and set(codes(p)) == {"missing"}, p)


# ---------------------------------------------------------------------------- §8.2 / §3
def test_eventbridge_and_events():
    p = predict(envelope("SignalGenerated", sig()))
    check("valid SignalGenerated -> 200", p["response"] == {"statusCode": 200, "body": "Event processed successfully"}
          and p["handler"] == "PortfolioAnalysisHandler" and p["dedup_key"] == "event-123", p)
    p = predict(envelope("SignalGenerated", json.dumps(sig())))
    check("detail as JSON string -> 200", p["response"] == {"statusCode": 200, "body": "Event processed successfully"}
          and p["dedup_key"] == "event-123", p)
    p = predict(envelope("SignalGenerated", sig(event_id="evt-stage-test")), stage="prod")
    check("prod dedup", p["dedup_key"] == "evt-stage-test", p)
    # metadata null: fails for SignalGenerated / RebalancePlanned / TradeExecuted only
    p = predict(envelope("SignalGenerated", sig(metadata=None)))
    check("SignalGenerated metadata null", escapes(p, "ValidationError") and codes(p) == ["dict_type"]
          and locs(p) == [("metadata",)], p)
    p = predict(envelope("TradeExecuted", dict(te_valid(), metadata=None)))
    check("TradeExecuted metadata null", escapes(p, "ValidationError") and locs(p) == [("metadata",)], p)
    # schema_version "2.0" ok, 2 fails
    p = predict(envelope("SignalGenerated", sig(schema_version="2.0")))
    check("schema_version 2.0 ok", p["response"] is not None and p["response"]["statusCode"] == 200, p)
    p = predict(envelope("SignalGenerated", sig(schema_version=2)))
    check("schema_version 2 fails", escapes(p, "ValidationError") and codes(p) == ["string_type"], p)
    # event_type: any value accepted, even ""
    p = predict(envelope("SignalGenerated", sig(event_type="")))
    check("event_type '' accepted", p["response"] is not None and p["response"]["statusCode"] == 200, p)
    # timestamp null/number rejected
    for ts in (None, 1697284800, 1.5, True):
        p = predict(envelope("SignalGenerated", sig(timestamp=ts)))
        check(f"timestamp {ts!r}", escapes(p, "ValidationError") and codes(p) == ["datetime_type"], p)
    # detail null/number -> TypeError (no dedup)
    for d in (None, 5, 1.5, True):
        p = predict(envelope("SignalGenerated", d))
        check(f"detail {d!r} -> TypeError", escapes(p, "TypeError") and p["dedup_key"] is None, p)
    # list detail containing "timestamp" -> TypeError; without -> ValidationError(model_type)
    p = predict(envelope("SignalGenerated", ["timestamp"]))
    check("list detail w/ timestamp", escapes(p, "TypeError"), p)
    p = predict(envelope("SignalGenerated", [1]))
    check("list detail", escapes(p, "ValidationError") and codes(p) == ["model_type"], p)
    p = predict(envelope("SignalGenerated", json.dumps("has timestamp inside")))
    check("str detail w/ timestamp substring", escapes(p, "TypeError"), p)
    # fromisoformat: accepted forms (§2.1)
    for ts in ("2025-10-14T12:00:00Z", "2025-10-14T12:00:00.1234567Z", "2025-10-14 12:00:00",
               "2025-10-14x12:00:00", "20251014T120000Z", "2025-10-14", "2025-10-14T12:00:00+0000",
               "2025-10-14T12Z", "2025-W42-2", "2025W422T12:00"):
        p = predict(envelope("SignalGenerated", sig(timestamp=ts)))
        check(f"timestamp accepted {ts}", p["response"] == {"statusCode": 200, "body": "Event processed successfully"}, p)
    for ts in ("2025-10-14T12:00:00z", "2025-13-01", "2025-10-14T25:00:00", "", "2025-02-30"):
        p = predict(envelope("SignalGenerated", sig(timestamp=ts)))
        check(f"timestamp rejected {ts!r}", escapes(p, "ValueError"), p)
    # RebalancePlanned in publisher format: 13 errors (1 item, 1 symbol per dict)
    p = predict(envelope("RebalancePlanned", rebalance_publisher_detail(), source="alchemiser.portfolio_v2.handlers"))
    check("RebalancePlanned publisher format -> 13 errors", escapes(p, "ValidationError")
          and len(codes(p)) == 13 and set(codes(p)) == {"datetime_type", "is_instance_of"}
          and p["dedup_key"] == "rebalance-planned-x" and p["handler"] is None, p)
    # handler never reached for RebalancePlanned; validation message texts
    msgs = {e["message"] for e in p["validation_errors"]}
    check("RebalancePlanned messages", msgs == {"Input should be a valid datetime",
                                                "Input should be an instance of Decimal"}, p)


def te_valid():
    return {"correlation_id": "c", "causation_id": "c", "event_id": "te-1",
            "timestamp": "2025-10-14T12:00:00Z", "source_module": "execution_v2.handlers",
            "execution_data": {}, "success": True, "orders_placed": 1, "orders_succeeded": 1}


def rebalance_publisher_detail():
    ts = "2025-10-14T12:00:00.123456Z"
    return {
        "correlation_id": "corr-1", "causation_id": "signal-generated-1", "event_id": "rebalance-planned-x",
        "event_type": "RebalancePlanned", "timestamp": ts, "source_module": "portfolio_v2.handlers",
        "source_component": "PortfolioAnalysisHandler", "metadata": {}, "schema_version": "1.0",
        "rebalance_plan": {
            "schema_version": "1.0", "correlation_id": "corr-1", "causation_id": "signal-generated-1",
            "timestamp": ts, "plan_id": "plan-1",
            "items": [{"symbol": "SPY", "current_weight": "0.4", "target_weight": "0.5", "weight_diff": "0.1",
                       "target_value": "5000", "current_value": "4000", "trade_amount": "1000",
                       "action": "BUY", "priority": 1}],
            "total_portfolio_value": "10000", "total_trade_value": "1000", "max_drift_tolerance": "0.05",
            "execution_urgency": "NORMAL", "estimated_duration_minutes": None, "metadata": None,
        },
        "allocation_comparison": {"target_values": {"SPY": "5000"}, "current_values": {"SPY": "4000"},
                                  "deltas": {"SPY": "1000"}},
        "trades_required": True,
    }


# ---------------------------------------------------------------------------- §8.1
def test_section81():
    cases = [
        ({}, ["trade"]), ({"mode": "trade"}, ["trade"]), ({"mode": "trade", "trading_mode": "paper"}, ["trade"]),
        ({"mode": "trade", "trading_mode": "live"}, ["trade"]),
        ({"action": "pnl_analysis", "pnl_type": "weekly"}, ["pnl", "--weekly"]),
        ({"action": "pnl_analysis", "pnl_type": "monthly"}, ["pnl", "--monthly"]),
        ({"action": "pnl_analysis", "pnl_period": "3M"}, ["pnl", "--period", "3M"]),
        ({"action": "pnl_analysis", "pnl_type": "weekly", "pnl_periods": 3}, ["pnl", "--weekly", "--periods", "3"]),
        ({"action": "pnl_analysis", "pnl_type": "monthly", "pnl_detailed": True}, ["pnl", "--monthly", "--detailed"]),
        ({"action": "pnl_analysis", "pnl_type": "weekly", "pnl_periods": 1}, ["pnl", "--weekly"]),
        ({"action": "pnl_analysis", "pnl_type": "weekly", "pnl_period": "3M", "pnl_periods": 3, "pnl_detailed": True},
         ["pnl", "--weekly", "--period", "3M", "--periods", "3", "--detailed"]),
        ({"pnl_type": "weekly", "pnl_periods": 3}, ["trade"]),
    ]
    for ev, args in cases:
        p = predict(ev)
        check(f"§8.1 {ev}", p["main_args"] == args and p["exception"] is None, p)
        if args[0] == "pnl":
            check(f"§8.1 pnl response {ev}", p["response"] == PNL_OK, p)
    check("§8.1 event None", is_trade(predict(None)))


def test_parse():
    p = predict_line(b"nope", "dev")
    check("parse error", "parse_error" in p, p)
    p = predict_line(b'{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":NaN}}', "dev")
    check("NaN dedup key", p["dedup_key"] == "NaN", p)
    p = predict_line(b'{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":"{\\"event_id\\": -Infinity}"}', "dev")
    check("-Infinity dedup key via string detail", p["dedup_key"] == "-Infinity", p)
    p = predict_line(b'\xef\xbb\xbf{"mode":"trade"}', "dev")
    check("UTF-8 BOM accepted from bytes", is_trade(p), p)


# ============================================================================ facts §10-§13
# (the addendum's four root causes; positions are those of a cold container, strict stdout)

H = HARNESS_REQUEST_ID  # "test-request": the facts' harness, where §10.4's positions were read
L = LAMBDA_REQUEST_ID  # a 36-character Lambda request id: §10.6's "130 + i"

# §10.4's WS: a valid WorkflowStarted detail (event_id "e-1"; its 1-character correlation_id
# puts #4's event_id at 117; 6 keys that are not LambdaEvent fields, for the "x6" row).
WS = {
    "correlation_id": "c",
    "causation_id": "c",
    "event_id": "e-1",
    "event_type": "WorkflowStarted",
    "timestamp": "2025-10-14T12:00:00Z",
    "source_module": "x",
    "workflow_type": "trading",
    "requested_by": "TradingSystem",
}
R404 = {"statusCode": 404, "body": "No handler for: WorkflowStarted"}
R200 = {"statusCode": 200, "body": "Event processed successfully"}


def ws(**changes):
    return changed(WS, **changes)


def wse(detail, source="alchemiser.x", detail_type="WorkflowStarted", **extra):
    ev = {"detail-type": detail_type, "source": source, "detail": detail}
    ev.update(extra)
    return ev


def uee_text(pos, char="\\ud800"):
    """str() of the UnicodeEncodeError (§10.6); pos = N or (N, M) for a run."""
    if isinstance(pos, tuple):
        return f"'utf-8' codec can't encode characters in position {pos[0]}-{pos[1]}: surrogates not allowed"
    return f"'utf-8' codec can't encode character '{char}' in position {pos}: surrogates not allowed"


def escapes_uee(p, pos, path="domain", char="\\ud800"):
    return (escapes(p, "UnicodeEncodeError", path) and p["exception_message"] == uee_text(pos, char)
            and p["dedup_key"] is None and p["validation_errors"] == [] and p["main_args"] is None)


def critical_uee(p, pos, char="\\ud800"):
    return (is_critical(p) and p["validation_errors"] == []
            and p["response"]["message"] == "Lambda execution critical error: " + uee_text(pos, char))


def pj(text, **kw):
    """An event given as JSON text (lone surrogates as \\u escapes, pairs combine as in JSON)."""
    return predict_line(text, "dev", **kw)


def test_section10_renderer():
    """consolelog renders exactly as the real structlog 25.4.0 default ConsoleRenderer."""
    try:
        import io
        import os

        os.environ["NO_COLOR"] = "1"  # colours are decided at import (§10.1); Lambda has none
        os.environ.pop("FORCE_COLOR", None)
        import structlog
    except ImportError:
        check("structlog 25.4.0 installed (pip install -r scripts/oracle/requirements.txt)", False)
        return
    check("structlog version", structlog.__version__ == "25.4.0", structlog.__version__)

    def real(level, message, fields, exc=None):
        buf = io.BytesIO()
        stream = io.TextIOWrapper(buf, encoding="utf-8", errors="strict", newline="\n", write_through=True)
        old = sys.stdout
        sys.stdout = stream  # PrintLogger prints to sys.stdout as it is at call time
        try:
            logger = structlog.get_logger()
            if exc is not None:
                try:
                    raise exc
                except Exception:
                    getattr(logger, level)(message, exc_info=True, **fields)
            else:
                getattr(logger, level)(message, **fields)
            stream.flush()
            return "ok", buf.getvalue().decode("utf-8").split("\n", 1)[0][19:]
        except UnicodeEncodeError as e:
            return "raises", str(e)
        finally:
            sys.stdout = old

    def mine(level, message, fields):
        try:
            getattr(Logger(strict=True), level)(message, **fields)
            return "ok", render_line(message, level, fields)[19:]
        except UnicodeEncodeError as e:
            return "raises", str(e)

    values = ["\ud800", "a b\ud800", "a=\ud800", "'\ud800", "\ud800\t", '\ud800"', "\ud800\n", "\ud800\r",
              "\ud800\u00a0", "\ud800\x0b", "\U0001f600\ud800", "\udc00\ud800", "\ud800y\udfff", "x", "", "a b",
              ["\ud800"], {"k": "\ud800"}, None, True, 5, 1.5, "\u00e9t\u00e9", "\x1c", "x" * 40, "\ud800" * 3]
    cases = []
    for v in values:
        cases.append(("info", "Lambda invoked", {"aws_request_id": H, "correlation_id": v,
                                                 "event_has_correlation_id": True}))
        cases.append(("debug", "Detected EventBridge envelope; extracting detail payload",
                      {"detail_type": "Scheduled Event", "source": v}))
        cases.append(("info", "Received EventBridge event",
                      {"detail_type": "WorkflowStarted", "source": "alchemiser.x", "event_id": v,
                       "correlation_id": "c", "lambda_request_id": "unknown"}))
        cases.append(("info", "x", {"b": v, "a": 1}))
    cases.append(("info", "short", {}))
    for level, message, fields in cases:
        a, b = real(level, message, fields), mine(level, message, fields)
        check(f"renderer = structlog {message!r} {ascii(fields)}", a == b, [a, b])
    # #5 carries a traceback: the first line, and the position, are unchanged.
    fields = {"error": "boom x", "error_type": "ValueError", "detail_type": "WorkflowStarted",
              "correlation_id": "\ud800", "lambda_request_id": "unknown"}
    a = real("error", "Failed to handle EventBridge event", fields, exc=ValueError("boom x"))
    check("renderer with exc_info", a == mine("error", "Failed to handle EventBridge event", fields)
          and a == ("raises", uee_text(82)), a)
    fields["correlation_id"] = "c"
    a = real("error", "Failed to handle EventBridge event", fields, exc=ValueError("boom x"))
    check("renderer with exc_info, first line", a == mine("error", "Failed to handle EventBridge event", fields), a)


def test_section10_table():
    """§10.4: every row, strict (harness request id, then the Lambda's) and lenient."""
    for rid, n1 in ((H, 106), (L, 130)):
        kw = {"request_id": rid}
        tag = f"[{rid}]"
        # #1: top-level correlation_id, every event shape
        for ev in ({"correlation_id": "\ud800"}, {"correlation_id": "\ud800", "mode": "trade"},
                   {"detail-type": "ErrorNotificationRequested", "correlation_id": "\ud800"},
                   wse(ws(), correlation_id="\ud800"),
                   {"detail-type": "Scheduled Event", "source": "aws.scheduler", "detail": {}, "correlation_id": "\ud800"}):
            p = predict(ev, **kw)
            check(f"§10.4 #1 {tag} {ascii(ev)}", escapes_uee(p, n1, "crash_before_routing"), p)
        for ev in ({"detail-type": "ErrorNotificationRequested", "source": "\ud800", "detail": {}},
                   {"detail-type": "ErrorNotificationRequested", "source": "x", "detail": {"correlation_id": "\ud800"}},
                   {"detail-type": "ErrorNotificationRequested", "source": "x", "detail": "\ud800"}):
            p = predict(ev, **kw)
            check(f"§10.4 circuit breaker {tag} {ascii(ev)}", p["path"] == "circuit_breaker"
                  and p["response"] == SKIPPED, p)
        # #3 (178 = 116 + 36 (generated correlation id) + 15 + 11)
        p = predict(wse(ws(), source="alchemiser.\ud800"), **kw)
        check(f"§10.4 source alchemiser.\\ud800 {tag}", escapes_uee(p, 178), p)
        p = predict(wse(ws(), source="alchemiser. \ud800"), **kw)
        check(f"§10.4 source with space {tag}", p["response"] == R404 and p["dedup_key"] == "e-1", p)
        # #4 event_id (117 = 101 + 1 + 15); #5 replaces #4 for correlation_id (82)
        p = predict(wse(ws(event_id="\ud800")), **kw)
        check(f"§10.4 event_id {tag}", escapes_uee(p, 117), p)
        for detail in (ws(correlation_id="\ud800"), json.dumps(ws(correlation_id="\ud800"))):
            p = predict(wse(detail), **kw)
            check(f"§10.4 detail correlation_id {tag} {type(detail).__name__}", escapes_uee(p, 82), p)
        p = predict(wse(ws(correlation_id="'\ud800")), **kw)
        check(f"§10.4 quoted correlation_id {tag}", escapes(p, "ValidationError") and codes(p) == ["string_unicode"]
              and p["dedup_key"] == "e-1", p)
        p = predict(wse(ws(event_id=["\ud800"])), **kw)
        check(f"§10.4 event_id list {tag}", escapes(p, "ValidationError") and codes(p) == ["string_type"]
              and p["dedup_key"] == ["\ud800"], p)
        p = predict(wse(ws(metadata={"k": "\ud800"})), **kw)
        check(f"§10.4 metadata {tag}", p["response"] == R404, p)
        # #7 on the command path -> critical
        p = predict({"detail-type": "Scheduled Event", "source": "\ud800", "detail": {}}, **kw)
        check(f"§10.4 #7 source {tag}", critical_uee(p, 126), p)
        p = predict({"detail-type": "Sched\ud800", "detail": {}}, **kw)
        check(f"§10.4 #7 detail-type {tag}", critical_uee(p, 106), p)
        p = predict({"detail-type": "Scheduled Event", "source": ["\ud800"], "detail": {}}, **kw)
        check(f"§10.4 #7 source list {tag}", is_trade(p), p)
        p = predict(wse(ws(), source="custom.\ud800", detail_type="SignalGenerated"), **kw)
        check(f"§10.4 #7 domain type, custom source {tag}", critical_uee(p, 131), p)
        p = predict({"detail-type": "StartupEvent", "source": "alchemiser.\ud800", "detail": {}}, **kw)
        check(f"§10.4 #7 StartupEvent {tag}", critical_uee(p, 132), p)
        p = predict({"detail-type": "Scheduled Event", "source": "\ud800"}, **kw)
        check(f"§10.4 no detail {tag}", is_critical(p) and codes(p) == ["extra_forbidden"] * 2, p)
        for ev, loc in (({"to": "\ud800"}, ("to",)), ({"mode": "\ud800"}, ("mode",)),
                        ({"arguments": ["\ud800"]}, ("arguments", 0))):
            p = predict(ev, **kw)
            check(f"§10.4 {ascii(ev)} {tag}", is_critical(p) and codes(p) == ["string_unicode"] and locs(p) == [loc], p)
        p = predict({"mode": "trade", "x": "\ud800"}, **kw)
        check(f"§10.4 extra key value {tag}", is_critical(p) and codes(p) == ["extra_forbidden"], p)

    # the lenient column (a sink that cannot fail: a warm container)
    lk = {"sink": "lenient"}
    p = predict({"correlation_id": "\ud800"}, **lk)
    check("§10.4 lenient #1", is_critical(p) and codes(p) == ["string_unicode"], p)
    p = predict({"detail-type": "ErrorNotificationRequested", "correlation_id": "\ud800"}, **lk)
    check("§10.4 lenient #1 breaker", p["response"] == SKIPPED, p)
    p = predict(wse(ws(), source="alchemiser.\ud800"), **lk)
    check("§10.4 lenient #3", p["response"] == R404 and p["dedup_key"] == "e-1", p)
    p = predict(wse(ws(event_id="\ud800")), **lk)
    check("§10.4 lenient #4 event_id", escapes(p, "ValidationError") and codes(p) == ["string_unicode"]
          and p["dedup_key"] == "\ud800", p)
    p = predict(wse(ws(correlation_id="\ud800")), **lk)
    check("§10.4 lenient #4/#5", escapes(p, "ValidationError") and codes(p) == ["string_unicode"]
          and p["dedup_key"] == "e-1", p)
    for ev in ({"detail-type": "Scheduled Event", "source": "\ud800", "detail": {}},
               {"detail-type": "Sched\ud800", "detail": {}},
               {"detail-type": "StartupEvent", "source": "alchemiser.\ud800", "detail": {}}):
        check(f"§10.4 lenient #7 {ascii(ev)}", is_trade(predict(ev, **lk)))
    p = predict(wse(ws(), source="custom.\ud800", detail_type="SignalGenerated"), **lk)
    check("§10.4 lenient domain type custom source x6", is_critical(p) and codes(p) == ["extra_forbidden"] * 6, p)


def test_section10_positions():
    """§10.2 separator probes and §10.6's position formulas."""
    for rid, n1 in ((H, 106), (L, 130)):
        kw = {"request_id": rid}
        for v in ("\ud800", "\ud800\u00a0", "\ud800\u000b", "\ud800\u3000", "\ud800\x1c"):
            p = predict({"correlation_id": v}, **kw)
            check(f"§10.2 raises {ascii(v)} [{rid}]", escapes_uee(p, n1, "crash_before_routing"), p)
        for v in ("a b\ud800", "a=\ud800", "'\ud800", "\ud800\t", "\ud800\"", "\ud800\n", "\ud800\r"):
            p = predict({"correlation_id": v}, **kw)
            check(f"§10.2 repr'd {ascii(v)} [{rid}]", is_critical(p) and codes(p) == ["string_unicode"]
                  and locs(p) == [("correlation_id",)], p)
        for v in (["\ud800"], {"k": "\ud800"}):
            p = predict({"correlation_id": v}, **kw)
            check(f"§10.2 str() of {type(v).__name__} [{rid}]", is_critical(p) and codes(p) == ["string_type"], p)
        # runs, astral characters before, two separate runs (JSON text: pairs combine)
        for text, pos in (('"\\ud800"', n1), ('"\\ud83d\\ude00\\ud800"', n1 + 1), ('"\\udc00\\ud800"', (n1, n1 + 1)),
                          ('"x\\udc00\\ud800"', (n1 + 1, n1 + 2)), ('"\\ud800y\\udfff"', n1),
                          ('"\\udfff\\udfff\\udfff"', (n1, n1 + 2)), ('"ab\\udfff"', n1 + 2)):
            p = pj('{"correlation_id":' + text + ',"mode":"trade"}', **kw)
            char = "\\udfff" if "\\udfff" in text and "\\ud800" not in text else "\\ud800"
            check(f"§10.6 #1 {text} [{rid}]", escapes_uee(p, pos, "crash_before_routing", char), p)
        p = pj('{"correlation_id":"\\ud83d\\ude00","mode":"trade"}', **kw)
        check(f"§10.6 a pair is one astral character [{rid}]", is_trade(p), p)
    # #1: 94 + len(aws_request_id) + i
    for rid in ("r", "test-request", L, "x" * 50):
        for i in range(4):
            p = predict({"correlation_id": "a" * i + "\ud800"}, request_id=rid)
            check(f"§10.6 #1 formula len={len(rid)} i={i}", escapes_uee(p, 94 + len(rid) + i, "crash_before_routing"), p)
    # #3: 116 + len(C) + len(detail-type) + i, C = the rendered top-level correlation id
    for top, clen in ((None, 36), ("top", 3), (123, 3), ("a b", 5), (True, 4), ("\u00e9", 1), (["x"], 7)):
        for dt in ("WorkflowStarted", "SignalGenerated", "WorkflowFailed"):
            for src in ("alchemiser.\ud800", "alchemiser.xy\ud800"):
                ev = wse({}, source=src, detail_type=dt)
                if top is not None:
                    ev["correlation_id"] = top
                p = predict(ev)
                i = src.index("\ud800")
                check(f"§10.6 #3 C={top!r} {dt} i={i}", escapes_uee(p, 116 + clen + len(dt) + i), p)
    # #4 event_id: 101 + len(C') + len(detail-type) + i; C' = "unknown" when absent, "None" when null
    for cid, clen in ((..., 7), (None, 4), ("c", 1), (5, 1), ("a b", 5), ("x" * 20, 20)):
        for dt in ("WorkflowStarted", "TradeExecuted"):
            p = predict(wse({"event_id": "e\ud800", "correlation_id": cid} if cid is not ... else {"event_id": "e\ud800"},
                            detail_type=dt))
            check(f"§10.6 #4 event_id C'={cid!r} {dt}", escapes_uee(p, 101 + clen + len(dt) + 1), p)
    # #4 correlation_id raises first at 78 + i; #5's second raise (82 + i) is what escapes
    for i in range(3):
        p = predict(wse(ws(correlation_id="c" * i + "\ud800")))
        check(f"§10.6 #5 i={i}", escapes_uee(p, 82 + i), p)
        p = predict(wse(ws(correlation_id="c" * i + "\ud800", event_id="\udfff")))
        check(f"§10.6 #5 wins over #4's event_id i={i}", escapes_uee(p, 82 + i), p)

    class FirstRaiseOnly(Logger):  # #5 cannot fail: the exception from #4 is re-raised
        def error(self, message, **fields):
            pass

    trace = Trace()
    try:
        lambda_handler(wse(ws(correlation_id="\ud800")), LambdaContext(H), Stubs("dev", trace, FirstRaiseOnly()))
        check("§10.6 #4 first raise", False)
    except UnicodeEncodeError as e:
        check("§10.6 #4 first raise at 78", str(e) == uee_text(78), str(e))
    # #7: detail_type 101 + i; source 109 + len(D') + i
    for dt, dlen in (("Scheduled Event", 17), ("StartupEvent", 12), (5, 1), (None, 4), ("a", 1), ("SignalGenerated", 15)):
        for i in (0, 3):
            src = "s" * i + "\ud800"
            p = predict({"detail-type": dt, "source": src, "detail": {}})
            check(f"§10.6 #7 source D'={dt!r} i={i}", critical_uee(p, 109 + dlen + i), p)
    for i in (0, 5):
        p = predict({"detail-type": "Sched" * (i // 5) + "\ud800", "detail": {"mode": "trade"}})
        check(f"§10.6 #7 detail_type i={i}", critical_uee(p, 101 + i), p)
        p = predict({"detail-type": "x" * i + "\ud800", "source": "\udc00", "detail": None})
        check(f"§10.6 #7 detail_type before source i={i}", critical_uee(p, 101 + i), p)
    # order: #1 before routing, #3 before the decode, #4 before dedup; the rest of §10.3's net rule
    p = predict(wse(ws(correlation_id="\ud800"), source="alchemiser.\ud800"))
    check("§10.3 #3 before #4", escapes_uee(p, 178), p)
    p = predict(wse(ws(correlation_id="\ud800"), source="alchemiser.\ud800", correlation_id="\udc00"), request_id=H)
    check("§10.3 #1 before #3", escapes_uee(p, 106, "crash_before_routing", "\\udc00"), p)
    p = predict(wse(ws(event_id="\ud800", self=1)))
    check("§10.3 #4 before dedup and self", escapes_uee(p, 117), p)
    p = predict(wse(json.dumps(ws(event_id="\ud800"))))
    check("§10.3 #4 via a JSON-string detail", escapes_uee(p, 117), p)
    p = predict(wse(ws(event_id="unknown", correlation_id="\ud800")))
    check("§10.3 #4 without dedup key", escapes_uee(p, 82), p)
    p = predict(wse(ws(), detail_type="SignalGenerated", source="custom.x", correlation_id="a b\ud800"))
    check("§10.3 #6/#7 with a repr'd top-level correlation id", is_critical(p) and len(codes(p)) == 6, p)
    p = predict({"mode": "trade", "source": "\ud800"})
    check("§10.3 source without an envelope is not logged", is_critical(p) and codes(p) == ["extra_forbidden"], p)


def test_section11():
    """§11: a detail key named exactly "self"."""
    msg = "BaseEvent.__init__() got multiple values for argument 'self'"

    def type_error(p, dedup):
        return (escapes(p, "TypeError") and p["exception_message"] == msg and p["dedup_key"] == dedup
                and p["validation_errors"] == [] and p["handler"] is None)

    valid = {
        "WorkflowStarted": (ws(), R404),
        "SignalGenerated": (sig(), R200),
        "RebalancePlanned": (rebalance_publisher_detail(), None),
        "TradeExecuted": (te_valid(), {"statusCode": 404, "body": "No handler for: TradeExecuted"}),
        "WorkflowCompleted": (dict(te_valid(), event_id="wc-1", workflow_type="trading", workflow_duration_ms=5),
                              {"statusCode": 404, "body": "No handler for: WorkflowCompleted"}),
        "WorkflowFailed": (dict(te_valid(), event_id="wf-1", workflow_type="t", failure_reason="r",
                                failure_step="s"), {"statusCode": 404, "body": "No handler for: WorkflowFailed"}),
    }
    for dt, (detail, ok) in valid.items():
        p = predict(wse(copy.deepcopy(detail), detail_type=dt))
        if ok is not None:
            check(f"§11 {dt} valid", p["response"] == ok, p)
        else:
            check(f"§11 {dt} fails validation", escapes(p, "ValidationError"), p)
        p = predict(wse(dict(copy.deepcopy(detail), self=1), detail_type=dt))
        check(f"§11 {dt} + self", type_error(p, detail["event_id"]), p)
        p = predict(wse({"self": 1}, detail_type=dt))
        check(f"§11 {dt} only self (not 7 missing)", type_error(p, None), p)
        p = predict(wse(json.dumps(dict(detail, self=None)), detail_type=dt))
        check(f"§11 {dt} JSON-string detail", type_error(p, detail["event_id"]), p)
    for v in (1, None, "", 0, True, {}, [], "x", False, 1.5):
        p = predict(wse(ws(self=v)))
        check(f"§11 self={v!r}", type_error(p, "e-1"), p)
    for key in ("Self", "data", "SELF", "self ", "_self"):
        p = predict(wse(ws(**{key: 1})))
        check(f"§11 key {key!r} is an ignored extra", p["response"] == R404, p)
    # ordering: dedup first (a duplicate wins), timestamp conversion next, then the constructor
    class Duplicate(Stubs):
        def is_duplicate_event(self, event_id, stage):
            super().is_duplicate_event(event_id, stage)
            return True

    trace = Trace()
    r = lambda_handler(wse(ws(self=1)), LambdaContext(L), Duplicate("dev", trace))
    check("§11 duplicate wins", r == {"statusCode": 200, "body": "Duplicate event skipped"} and trace.dedup_key == "e-1", r)
    p = predict(wse(ws(self=1, timestamp="nope")))
    check("§11 bad timestamp string first", escapes(p, "ValueError") and p["dedup_key"] == "e-1"
          and p["exception_message"] == "Invalid isoformat string: 'nope'", p)
    for ts in (5, None, [], 1.5):
        p = predict(wse(ws(self=1, timestamp=ts)))
        check(f"§11 timestamp {ts!r} not converted", type_error(p, "e-1"), p)
    p = predict(wse(ws(self=1, timestamp="2025-10-14")))
    check("§11 naive timestamp", type_error(p, "e-1"), p)
    p = predict(wse(ws(self=1, event_id=...)))
    check("§11 no event_id", type_error(p, None), p)
    p = predict(wse(ws(self=1, event_id="unknown")))
    check("§11 event_id unknown", type_error(p, None), p)
    p = predict(wse({"event_id": "e-9", "correlation_id": 5, "self": 1}))
    check("§11 preempts validation errors", type_error(p, "e-9"), p)
    p = predict(wse(ws(self=1, correlation_id="\ud800")))
    check("§11 preempted by §10", escapes_uee(p, 82), p)
    p = predict(wse(ws(self=1), detail_type="SignalGenerated", source="alchemiser.\ud800"))
    check("§11 preempted by §10 #3", escapes_uee(p, 178), p)
    # nested models: pydantic's own constructor -> an ignored extra, same errors as without
    base = predict(wse(rebalance_publisher_detail(), detail_type="RebalancePlanned"))
    for where in ("plan", "item", "comparison"):
        d = rebalance_publisher_detail()
        {"plan": d["rebalance_plan"], "item": d["rebalance_plan"]["items"][0],
         "comparison": d["allocation_comparison"]}[where]["self"] = 1
        p = predict(wse(d, detail_type="RebalancePlanned"))
        check(f"§11 nested self in {where}", escapes(p, "ValidationError")
              and p["validation_errors"] == base["validation_errors"] and len(codes(p)) == 13, p)
    for field in ("signals_data", "consolidated_portfolio", "metadata"):
        p = predict(wse(sig(**{field: {"self": 1}}), detail_type="SignalGenerated"))
        check(f"§11 self inside {field}", p["response"] == R200, p)
    p = predict(wse(ws(configuration={"self": 1})))
    check("§11 self inside configuration", p["response"] == R404, p)
    p = predict(wse(ws(), self=1))
    check("§11 envelope-level self", p["response"] == R404 and p["dedup_key"] == "e-1", p)
    # command path: LambdaEvent's standard constructor -> extra_forbidden
    for ev, n in (({"self": 1}, 1), ({"mode": "trade", "self": "x"}, 1),
                  ({"detail-type": "Scheduled Event", "source": "aws.scheduler", "detail": {"self": 1}}, 1),
                  ({"detail-type": "StartupEvent", "source": "alchemiser.x", "detail": {"self": 1}}, 1),
                  (wse(ws(self=1), source="custom.x"), 7)):
        p = predict(ev)
        check(f"§11 command path {ascii(ev)[:60]}", is_critical(p) and ("self",) in locs(p)
              and codes(p) == ["extra_forbidden"] * n, p)
    p = predict({"detail-type": "ErrorNotificationRequested", "detail": {"self": 1}, "self": 1})
    check("§11 circuit breaker", p["response"] == SKIPPED, p)
    # the constructor makes a naive timestamp UTC-aware (correcting §3.1's "left naive")
    obj = EVENT_CLASS_MAP["WorkflowStarted"].model_validate(dict(ws(), timestamp=datetime(2025, 10, 14, 12)))
    check("§11 naive timestamp becomes UTC", obj.timestamp.tzinfo is UTC and obj.timestamp.hour == 12, obj.timestamp)
    aware = datetime(2025, 10, 14, 12, tzinfo=timezone(timedelta(hours=2)))
    obj = EVENT_CLASS_MAP["WorkflowStarted"].model_validate(dict(ws(), timestamp=aware))
    check("§11 aware timestamp kept", obj.timestamp == aware and obj.timestamp.utcoffset() == timedelta(hours=2))
    p = predict(wse(ws(timestamp="2025-10-14")))
    check("§11 naive timestamp event", p["response"] == R404, p)


def test_section12():
    """§12: Python str.strip() after pydantic's trim in the RebalancePlan validators."""
    def plan_codes(set_field, value):
        d = rebalance_publisher_detail()
        set_field(d, value)
        p = predict(wse(d, detail_type="RebalancePlanned"))
        return p, {tuple(e["loc"]): e for e in p["validation_errors"]}

    def set_action(d, v):
        d["rebalance_plan"]["items"][0]["action"] = v

    def set_urgency(d, v):
        d["rebalance_plan"]["execution_urgency"] = v

    def set_symbol(d, v):
        d["rebalance_plan"]["items"][0]["symbol"] = v

    table = (
        ("action", set_action, ("rebalance_plan", "items", 0, "action"),
         ["BUY", "buy", " BUY ", "BUY\u001f", "\u001cSELL", "\u001e hold \u001d", "BUY\u0085", "\u3000SELL",
          "\u017fell"],
         ["\u001f", "", " ", "BUY\u200b", "\ufeffBUY", "BUY\u180e", "HOLD\u001c\u0000"],
         [(5, "string_type"), (None, "string_type")]),
        ("execution_urgency", set_urgency, ("rebalance_plan", "execution_urgency"),
         ["NORMAL", "high", "\u001cHIGH", "LOW\u001f"],
         ["\u001d", "", "URGENT\u200b"],
         [(7, "string_type"), (None, "string_type")]),
        ("symbol", set_symbol, ("rebalance_plan", "items", 0, "symbol"),
         ["AAPL", "\u001f", "\u001c\u001d", " ABCDEFGHIJ ", "\u200b"],
         [],
         [("\u001fABCDEFGHIJ", "string_too_long"), ("ABCDEFGHIJK", "string_too_long"),
          (" ", "string_too_short"), ("", "string_too_short")]),
    )
    for name, setter, loc, accepted, value_errors, others in table:
        for v in accepted:
            p, errs = plan_codes(setter, v)
            check(f"§12 {name} {ascii(v)} accepted", escapes(p, "ValidationError") and loc not in errs
                  and len(errs) == 13, p)
        for v in value_errors:
            p, errs = plan_codes(setter, v)
            check(f"§12 {name} {ascii(v)} value_error", loc in errs and errs[loc]["code"] == "value_error", p)
        for v, code in others:
            p, errs = plan_codes(setter, v)
            check(f"§12 {name} {ascii(v)} {code}", loc in errs and errs[loc]["code"] == code, p)
    # message texts (names in declared order; upstream's set order varies per process)
    p, errs = plan_codes(set_action, " buy\u200b ")
    check("§12 action message", errs[("rebalance_plan", "items", 0, "action")]["message"]
          == "Value error, Action must be one of {'BUY', 'SELL', 'HOLD'}, got BUY\u200b", p)
    p, errs = plan_codes(set_urgency, "\u001curgent\u200b")
    check("§12 urgency message", errs[("rebalance_plan", "execution_urgency")]["message"]
          == "Value error, Urgency must be one of {'LOW', 'NORMAL', 'HIGH', 'URGENT'}, got URGENT\u200b", p)
    d = rebalance_publisher_detail()
    del d["rebalance_plan"]["execution_urgency"]
    p = predict(wse(d, detail_type="RebalancePlanned"))
    check("§12 default urgency not validated", len(codes(p)) == 13, p)
    p = predict(wse({"rebalance_plan": {"items": [{"action": "BUY\u001f"}]}}, detail_type="RebalancePlanned"))
    check("§12 fuzz example: 21 missing", escapes(p, "ValidationError") and codes(p) == ["missing"] * 21, p)
    # the two character sets, over every code point but the surrogates, with the real pydantic
    from pydantic import ConfigDict, TypeAdapter

    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    trimmed = TypeAdapter(list[str], config=ConfigDict(strict=True, str_strip_whitespace=True)).validate_python(
        [chr(c) + "x" + chr(c) for c in points])
    pyd = {c for c, v in zip(points, trimmed) if v == "x"}
    py = {c for c in points if (chr(c) + "x" + chr(c)).strip() == "x"}
    check("§12 Python strip set (29)", len(py) == 29, sorted(py))
    check("§12 pydantic trim set (25) = Python's minus U+001C..U+001F", pyd == py - {0x1C, 0x1D, 0x1E, 0x1F},
          sorted(py ^ pyd))


def test_section13():
    """§13.1: string details decode up to 1497 levels; opening the 1498th raises RecursionError."""
    def rec(p, kind):
        return (escapes(p, "RecursionError") and p["dedup_key"] is None and p["validation_errors"] == []
                and p["exception_message"]
                == f"maximum recursion depth exceeded while decoding a JSON {kind} from a unicode string")

    for dt in ("WorkflowStarted", "SignalGenerated"):
        p = predict(wse("[" * 1497 + "]" * 1497, detail_type=dt))
        check(f"§13 1497 arrays {dt}", escapes(p, "ValidationError") and codes(p) == ["model_type"]
              and p["dedup_key"] is None, p)
        p = predict(wse("[" * 1498 + "]" * 1498, detail_type=dt))
        check(f"§13 1498 arrays {dt}", rec(p, "array"), p)
    p = predict(wse('{"a":' * 1497 + "1" + "}" * 1497))
    check("§13 1497 objects", escapes(p, "ValidationError") and set(codes(p)) == {"missing"}
          and p["dedup_key"] is None, p)
    p = predict(wse('{"a":' * 1498 + "1" + "}" * 1498))
    check("§13 1498 objects", rec(p, "object"), p)
    # the kind is the container being opened at level 1498
    p = predict(wse("[" * 1497 + "{}" + "]" * 1497))
    check("§13 object at 1498 inside arrays", rec(p, "object"), p)
    p = predict(wse('{"a":' * 1497 + "[]" + "}" * 1497))
    check("§13 array at 1498 inside objects", rec(p, "array"), p)
    p = predict(wse("[" * 2000 + "]" * 2000))
    check("§13 2000 arrays", rec(p, "array"), p)
    # a valid detail whose metadata nests k levels (the outer object is level 1)
    for k, ok in ((1000, True), (1495, True), (1496, True), (1497, False), (1498, False)):
        deep = '{"a":' * (k - 1) + "{}" + "}" * (k - 1)
        text = json.dumps(ws(metadata="@")).replace('"@"', deep)
        p = predict(wse(text))
        if ok:
            check(f"§13 metadata nested {k}", p["response"] == R404 and p["dedup_key"] == "e-1", p)
        else:
            check(f"§13 metadata nested {k}", rec(p, "object"), p)
    # the decode runs before every log line of the handler, the dedup and validation
    text = json.dumps(ws(correlation_id="\ud800", event_id="\udc00", self=1, metadata="@")).replace(
        '"@"', "[" * 1497 + "]" * 1497)
    p = predict(wse(text))
    check("§13 before #4/#5, dedup and self", rec(p, "array"), p)
    p = predict(wse("[" * 1498 + "]" * 1498, source="alchemiser.\ud800"))
    check("§13 after #3", escapes_uee(p, 178), p)
    p = predict(wse("[" * 1498 + "]" * 1498, correlation_id="\ud800"), request_id=H)
    check("§13 after #1", escapes_uee(p, 106, "crash_before_routing"), p)
    # syntax: whatever the scanner meets first
    p = predict(wse('{"event_id":"e-1",, "x":' + "[" * 1498 + "]" * 1498 + "}"))
    check("§13 syntax error first -> {}", escapes(p, "ValidationError") and p["dedup_key"] is None
          and set(codes(p)) == {"missing"}, p)
    p = predict(wse("[" * 1498 + "]" * 1498 + "x"))
    check("§13 depth first, garbage after", rec(p, "array"), p)
    p = predict(wse("[" * 1497 + "]" * 1497 + "x"))
    check("§13 1497 then garbage -> {}", escapes(p, "ValidationError") and set(codes(p)) == {"missing"}, p)
    # not decoded: command path, circuit breaker
    p = predict(wse("[" * 1498 + "]" * 1498, detail_type="Scheduled Event", source="aws.scheduler"))
    check("§13 command path does not decode", is_trade(p), p)
    p = predict(wse("[" * 1498 + "]" * 1498, detail_type="ErrorNotificationRequested"))
    check("§13 circuit breaker", p["response"] == SKIPPED, p)
    # independent of the interpreter's own limits
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)
    try:
        ok = isinstance(pyjson.loads("[" * 1497 + "]" * 1497), list) and isinstance(pyjson.loads("[[1]]"), list)
        try:
            pyjson.loads("{" + '"a":{' * 1497 + "}" * 1498)
            ok = False
        except RecursionError as e:
            ok = ok and str(e) == "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
    finally:
        sys.setrecursionlimit(old)
    check("§13 cut-off under a low recursion limit", ok)


def test_decoder_equivalence():
    """pyjson's scanner (used past FAST_PATH_MAX brackets) = the C scanner, except depth."""
    import random

    import gen_corpus

    def outcome(f, s):
        try:
            return "ok", repr(f(s))
        except json.JSONDecodeError as e:
            return "JSONDecodeError", str(e)
        except RecursionError as e:
            return "RecursionError", str(e)
        except ValueError as e:
            return "ValueError", str(e)

    texts = []
    g = gen_corpus.Gen(7, new_share=0.3)
    for _ in range(3000):
        kind, obj = g.event()
        if kind == "json" and isinstance(obj, dict) and isinstance(obj.get("detail"), str):
            texts.append(obj["detail"])
        elif kind == "json":
            texts.append(json.dumps(obj))
    r = random.Random(11)
    alphabet = list('[]{}",:0123456789-+.eE \t\n\\u') + ["\u0663", "\uff13", "N", "I", "a", "\x00", "\u00a0",
                                                         "\ud800", "nul", "tru", "NaN", "Infinity", "1" * 30]
    seeds = [t for t in texts if len(t) < 3000][:400] + [
        '{"a": [1, 2.5e3, -0, "x\\u00e9"]}', "[" * 30 + "]" * 30, "[" * 400 + "1" + "]" * 400,
        '{"a":' * 300 + '"x"' + "}" * 300, '[{"k": [' * 150 + "NaN" + "]}]" * 150]
    for _ in range(6000):
        s = list(r.choice(seeds))
        for _ in range(r.randint(1, 4)):
            i = r.randrange(len(s) + 1)
            op = r.randrange(3)
            if op == 0:
                s.insert(i, r.choice(alphabet))
            elif op == 1 and i < len(s):
                del s[i]
            elif i < len(s):
                s[i] = r.choice(alphabet)
        texts.append("".join(s))
    bad = [t for t in texts if pyjson.nesting_depth(t) < 900
           and outcome(json.loads, t) != outcome(lambda x: pyjson.loads(x, fast_path=False), t)]
    check(f"pyjson scanner = C scanner on {len(texts)} texts", not bad, [ascii(t)[:200] for t in bad[:3]])


def main() -> int:
    if not check_pydantic():
        return 2
    assert isinstance(datetime.fromisoformat("2025-10-14"), datetime)
    test_section6()
    test_section83()
    test_eventbridge_and_events()
    test_section81()
    test_parse()
    test_section10_renderer()
    test_section10_table()
    test_section10_positions()
    test_section11()
    test_section12()
    test_section13()
    test_decoder_equivalence()
    if FAILURES:
        print("\n".join(FAILURES))
        print(f"{COUNT - len(FAILURES)} passed, {len(FAILURES)} failed")
        return 1
    print(f"{COUNT} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
