#!/usr/bin/env python3
"""Self-test: the oracle reproduces every verified case of the facts file (§6, §8.3, plus the
verified statements of §1-§3 and the relevant §8.1/§8.2 unit-test expectations).

Run:  .venv/bin/python scripts/oracle/selftest.py
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle import check_pydantic, predict, predict_line  # noqa: E402

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


def sig(**changes):
    d = copy.deepcopy(SIGNAL_DETAIL)
    for k, v in changes.items():
        if v is ...:
            d.pop(k, None)
        else:
            d[k] = v
    return d


FAILURES: list[str] = []
COUNT = 0


def check(name, cond, got=None):
    global COUNT
    COUNT += 1
    if not cond:
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


def main() -> int:
    if not check_pydantic():
        return 2
    assert isinstance(datetime.fromisoformat("2025-10-14"), datetime)
    test_section6()
    test_section83()
    test_eventbridge_and_events()
    test_section81()
    test_parse()
    if FAILURES:
        print("\n".join(FAILURES))
        print(f"{COUNT - len(FAILURES)} passed, {len(FAILURES)} failed")
        return 1
    print(f"{COUNT} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
