#!/usr/bin/env python3
"""Deterministic generator of a diverse JSON Lines corpus of Lambda events.

    python3 scripts/oracle/gen_corpus.py --count 20000 --seed 1 > /tmp/corpus.jsonl

Covers every branch of the 2.27.0 routing (facts §1-§3, §10-§13; docs/behaviour-2.27.md): direct command
payloads (LambdaEvent, valid and invalid), envelopes of every shape, circuit-breaker
variants, domain events of the six detail-types with valid and invalid details,
non-object events, pre-routing crashes, and hand-written raw lines (NaN, Infinity, lone
surrogate escapes, duplicate keys, huge integers, invalid JSON, ...).

Only the standard library is used; output depends only on --seed and --count.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from typing import Any, Callable

# 3.11 and older run json's C scanner/encoder on the Python recursion limit: the corpus holds
# objects nested ~990 levels (cat_deep), which must decode and encode the same everywhere.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

NAN = float("nan")
INF = float("inf")

DOMAIN_TYPES = [
    "WorkflowStarted",
    "SignalGenerated",
    "RebalancePlanned",
    "TradeExecuted",
    "WorkflowCompleted",
    "WorkflowFailed",
]

# Unicode whitespace (and look-alikes that are NOT whitespace for some definitions).
WS = [
    " ", "\t", "\n", "\r", "\x0b", "\x0c",
    "\u00a0", "\u2003", "\u3000", "\u1680", "\u0085", "\u001c", "\u001d", "\u001e", "\u001f",
    "\u2028", "\u2029", "\u2007", "\u202f", "\u205f", "\u180e", "\u200b", "\ufeff", "\u2000", "\u200a",
]
# Unicode decimal digits other than ASCII (Arabic-Indic, extended Arabic-Indic, Devanagari,
# fullwidth, mathematical bold, Bengali, Thai), plus non-Nd look-alikes (superscript, circled).
UDIGITS = ["\u0663", "\u06f3", "\u0969", "\uff13", "\U0001d7d1", "\u09e9", "\u0e53"]
NON_ND_DIGITS = ["\u00b3", "\u2462", "\u2083", "\u216b"]

SURROGATES = ["\ud800", "\udfff", "\udc00", "\ud83d"]

BIG_INTS = [2**63 - 1, 2**63, 2**64, 2**64 + 1, -(2**63), -(2**63) - 1, 2**100, -(2**100), 10**30, 10**200]

# facts §10-§13 (see cat_facts_10_13): share of the corpus, and their building blocks.
NEW_CLASSES_SHARE = 0.035
# Runs of lone surrogates; no high surrogate directly precedes a low one.
LONE_RUNS = ["\ud800", "\udfff", "\udc00", "\ud83d", "\udbff", "\ud800", "\ud800\ud800", "\udc00\ud800",
             "\udfff\udfff\udfff", "\ude00\ud83d"]
# The 7 characters that make structlog's ConsoleRenderer repr() a str value (§10.2).
REPR_SWITCH = [" ", "\t", "\r", "\n", "=", '"', "'"]
SELF_VALUES = [1, None, "", 0, True, False, {}, [], "x", 1.5, ["self"], {"self": 1}, "\ud800"]
ACTIONS = ["BUY", "SELL", "HOLD"]
URGENCIES = ["LOW", "NORMAL", "HIGH", "URGENT"]
# Python strip() only (U+001C-U+001F, weighted), both strips, neither (U+200B, U+FEFF, U+180E, U+0000).
STRIP_EDGE = ["\u001c", "\u001d", "\u001e", "\u001f"] * 3 + [
    "\u0085", "\u3000", "\u200b", "\ufeff", "\u180e", "\u0000", " ", "\t", "\u00a0", "\u2028", "\u000b", "\u1680",
    "\u202f", "\u2029"]
DEEP_LEVELS = [990, 999, 1000, 1001, 1010, 1200, 1496, 1496, 1497, 1497, 1497, 1498, 1498, 1498, 1499, 1499, 1500, 2000]


class Gen:
    def __init__(self, seed: int, new_share: float = NEW_CLASSES_SHARE) -> None:
        self.r = random.Random(seed)
        self.new_share = new_share

    # ------------------------------------------------------------------ helpers
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def ws(self) -> str:
        return "".join(self.pick(WS) for _ in range(self.r.randint(1, 3)))

    def pad(self, s: str) -> str:
        k = self.r.randrange(4)
        if k == 0:
            return self.ws() + s
        if k == 1:
            return s + self.ws()
        if k == 2:
            return self.ws() + s + self.ws()
        return s

    def case_variant(self, s: str) -> str:
        k = self.r.randrange(5)
        if k == 0:
            return s.upper()
        if k == 1:
            return s.capitalize()
        if k == 2:
            return s.swapcase()
        if k == 3:
            return "".join(c.upper() if self.chance(0.5) else c for c in s)
        return s.lower()

    def junk_scalar(self) -> Any:
        return self.pick(
            [
                None, True, False, 0, 1, -1, 2, 3, 7, 0.0, -0.0, 1.0, 2.0, 0.5, 1.5, -2.5, 1e308, 1e-310,
                NAN, INF, -INF, "", " ", "3", "1", "0", "true", "false", "null", "None", "1.0",
                self.pick(BIG_INTS), self.pick(SURROGATES), "x" * self.r.randint(1, 40), self.ws(),
            ]
        )

    def junk(self, depth: int = 0) -> Any:
        k = self.r.randrange(10)
        if depth < 3 and k == 0:
            return [self.junk(depth + 1) for _ in range(self.r.randrange(4))]
        if depth < 3 and k == 1:
            return {self.key(): self.junk(depth + 1) for _ in range(self.r.randrange(4))}
        if k == 2:
            return []
        if k == 3:
            return {}
        return self.junk_scalar()

    def key(self) -> str:
        return self.pick(
            ["a", "x", "BTC", "SPY", "", " ", "key with space", "\u00e9", "\u4e2d", "k" * 30,
             self.pick(SURROGATES), "a" + self.pick(SURROGATES), "event_id", "timestamp", "mode",
             "detail", "detail-type", "\u0000", "\t"]
        )

    def nested(self, depth: int) -> Any:
        v: Any = self.junk_scalar()
        for _ in range(depth):
            v = [v] if self.chance(0.5) else {"n": v}
        return v

    def string_variant(self, base: str) -> Any:
        """A string field value: valid, padded, empty, whitespace-only, or a type confusion."""
        k = self.r.randrange(12)
        if k < 4:
            return base
        if k == 4:
            return self.pad(base)
        if k == 5:
            return ""
        if k == 6:
            return self.ws()
        if k == 7:
            return base + self.pick(SURROGATES)
        if k == 8:
            return self.pick(["\u00e9t\u00e9", "\u4e2d\u6587", "emoji\U0001f600", "x" * 300, "\u0000", "a\nb"])
        return self.junk()

    # ------------------------------------------------------------------ timestamps
    def timestamp(self) -> Any:
        forms = [
            "2025-10-14T12:00:00Z", "2025-10-14T12:00:00+00:00", "2025-10-14T12:00:00.5Z",
            "2025-10-14T12:00:00.123Z", "2025-10-14T12:00:00.123456Z", "2025-10-14T12:00:00.1234567Z",
            "2025-10-14T12:00:00.123456789012Z", "2025-10-14T12:00:00,5Z", "2025-10-14T12:00:00.Z",
            "2025-10-14T12:00:00.", "2025-10-14 12:00:00", "2025-10-14x12:00:00", "2025-10-14\u00e912:00:00",
            "2025-10-14t12:00:00Z", "2025-10-14T12:00:00z", "2025-10-14T12:00", "2025-10-14T12",
            "2025-10-14T12Z", "2025-10-14T1200", "2025-10-14T120000", "2025-10-14T120000.5",
            "20251014T120000Z", "20251014T120000.5+0530", "20251014", "2025-10-14", "2025-1014",
            "202510-14", "2025-W42", "2025-W42-2", "2025W422", "2025W42", "2025-W42-2T12:00:00Z",
            "2025W422T120000Z", "2025-W53-1", "2026-W53-1", "2026-W53-7", "2025-W00-1", "2025-W42-0",
            "2025-W42-8", "2025-288", "2025288", "2025-10-14T12:00:00-05:00", "2025-10-14T12:00:00+05:30",
            "2025-10-14T12:00:00+0530", "2025-10-14T12:00:00+05", "2025-10-14T12:00:00+05:30:15",
            "2025-10-14T12:00:00+05:30:15.123456", "2025-10-14T12:00:00+05:30:15.5",
            "2025-10-14T12:00:00+053015", "2025-10-14T12:00:00+24:00", "2025-10-14T12:00:00+23:59",
            "2025-10-14T12:00:00-23:59:59.999999", "2025-10-14T12:00:00+0000", "2025-10-14T12:00:00-0000",
            "2025-10-14T12:00:00 +00:00", "2025-10-14T12:00:00ZZ", "2025-10-14Z", "2025-10-14+00:00",
            "2025-10-14T23:59:60Z", "2025-10-14T24:00:00Z", "2025-10-14T24:00", "2025-10-15T00:00:00Z",
            "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59-01:00", "0000-01-01", "10000-01-01", "2024-02-29", "2025-02-29",
            "2025-13-01", "2025-00-10", "2025-10-32", "2025-10-00", "2025-10-14T12:60", "2025-10-14T12:00:61",
            "2025-10-14T-1:00", "2025-1-4", "2025-10-4", "25-10-14", " 2025-10-14", "2025-10-14 ",
            "2025-10-14\u00a0", "2025-10-14T12:00:00\u00a0", "\u0662\u0660\u0662\u0665-\u0661\u0660-\u0661\u0664",
            "\uff12\uff10\uff12\uff15-\uff11\uff10-\uff11\uff14", "2025-10-14T\uff11\uff12:00",
            "2025-10-14T12:00:00" + self.pick(SURROGATES), "2025-10-14" + self.pick(SURROGATES) + "12:00",
            "2025-10-14T12:00:00+00:00[UTC]", "T12:00", "12:00:00", "", "Z", "2025", "2025-10",
            "2025-10-14T12:00:00.000000+00:00", "2025-10-14T12:30:45.6+01:00", "2025-10-14T12:30:45.000001-00:30",
            "2025-10-14T12:00:00+00:00Z", "2025-10-14T12:00:00.123456+00:00", "2025-10-14T12:00:00.1234Z",
            "2025-10-14T12:00:00.12Z", "2025-10-14T12:00:00.1234567890Z", "2025-10-14T12:00:00,123456Z",
            "2025-10-14T12:00:00,Z", "2025-10-14T12:00:00.+00:00", "2025-10-14T12:00:00-", "2025-10-14T12:00:00+",
            "2025-10-14T12:00:00+5", "2025-10-14T12:00:00+5:30", "2025-10-14T12:00:00+05:3",
            "2025-10-14T12:00:00+05:30:1", "2025-10-14T12:00:00+05:30:15.", "2025-10-14T12:0", "2025-10-14T1",
            "2025-10-14T12:00:0", "2025-10-14T12:00:00.1234567+05:30", "2025-10-14T12:00:00\n",
            "2025-10-14T12:00:00 ", "2025-10-14  12:00:00", "2025-10-14TT12:00:00", "2025\u201310\u201314",
            "2025-10-14T12:00:00+\u0660\u0660:00", "+2025-10-14", "-2025-10-14", "2025-10-14T12:00:00.5.5Z",
            # C-accelerator quirks of CPython 3.11/3.12 (fixed only in later versions)
            "2025-10-14T12:00:00:5", "2025-10-14T12:00:00:123456Z", "2025-10-14T12345678",
            "2025-10-14T123456789Z", "2025-10-14T12:00:00+00000000", "2025-10-14T12:00:00,+05:00",
            "2025-10-14T12:00:00.Z", "2023-01-300", "20230808120000Z", "2025-10-14T12:00:00+00:00:00.1234567",
        ]
        k = self.r.randrange(10)
        if k < 7:
            return self.pick(forms)
        if k == 7:
            return self.pick([None, 0, 1697284800, 1697284800.5, True, [], {}, ["2025-10-14"], NAN])
        if k == 8:
            # random composition
            y = self.pick(["2025", "2024", "0001", "9999", "1970"])
            mo = self.pick(["01", "02", "10", "12", "13", "00"])
            d = self.pick(["01", "14", "28", "29", "30", "31", "32"])
            sep = self.pick(["T", " ", "t", "_", "X", ""])
            tm = self.pick(["", "12", "12:00", "12:00:00", "1200", "120000", "23:59:59.999999", "00:00:00.0"])
            tz = self.pick(["", "Z", "z", "+00:00", "-05:00", "+0530", "+14:00", "+25:00", "-00:00"])
            return f"{y}-{mo}-{d}{sep if tm else ''}{tm}{tz}"
        return "2025-10-14T12:00:00.%dZ" % self.r.randrange(10**self.r.randint(1, 9))

    # ------------------------------------------------------------------ event ids
    def event_id(self, prefix: str) -> tuple[bool, Any]:
        """(present, value)"""
        k = self.r.randrange(20)
        if k < 10:
            return True, f"{prefix}-{self.r.randrange(16**8):08x}-{self.r.randrange(16**4):04x}"
        if k == 10:
            return False, None
        return True, self.pick(
            ["", "unknown", " unknown ", "UNKNOWN", "Unknown", " ", "\u00a0", "\u3000", 0, 1, -1, 0.0, -0.0,
             1.5, NAN, INF, -INF, True, False, None, [], [1], ["evt"], {}, {"a": 1}, self.pick(BIG_INTS),
             "evt" + self.pick(SURROGATES), self.pick(SURROGATES), "\u00e9v\u00e9nement", "x" * 200, "null"]
        )

    # ------------------------------------------------------------------ LambdaEvent payloads
    def literal_variant(self, valid: list[str]) -> Any:
        k = self.r.randrange(10)
        if k < 4:
            return self.pick(valid)
        if k == 4:
            return self.case_variant(self.pick(valid))
        if k == 5:
            return self.pad(self.pick(valid))
        if k == 6:
            return None
        if k == 7:
            return self.pick(["", "monthly_summary", "trade_bot", "paper_trading", "daily", "x", "1.0 "])
        return self.junk()

    def month_value(self) -> Any:
        return self.pick(
            [
                "2024-01", "2024-12", "2024-13", "0000-00", "9999-99", " 2024-01 ", self.pad("2024-01"),
                "2024-1", "24-01", "2024-001", "2024/01", "202401", "2024-01-01", "2024-01\n", "2024-0a",
                "\u0662\u0660\u0662\u0664-\u0660\u0661", "\uff12\uff10\uff12\uff14-\uff10\uff11",
                "2024-" + self.pick(UDIGITS) + "1", self.pick(UDIGITS) * 4 + "-01", "2024-0" + self.pick(NON_ND_DIGITS),
                "2024\u201301", "2024-01" + self.pick(SURROGATES), "", " ", None, 202401, 2024.01, True, ["2024-01"],
                "2024-01\x1c", "\x1f2024-01", "2024-01\u0085", "\u00852024-01", "2024-01\u200b",
                "\U0001d7d0\U0001d7d2\U0001d7d0\U0001d7d2-\U0001d7d0\U0001d7d1",
            ]
        )

    def pnl_period_value(self) -> Any:
        return self.pick(
            [
                "3M", "1W", "12W", "1A", "0W", "00M", "3m", "3w", "3a", "M", "3", "3Y", "3MM", "-3M", "+3M",
                "3 M", " 3M ", self.pad("6M"), "\uff13M", "\u0663W", self.pick(UDIGITS) + "A",
                self.pick(NON_ND_DIGITS) + "M", "99999999999999999999999W", "3M\n", "3\u2007M", "\u20073M",
                "\uff2d3", "3\uff2d", "1.5M", "", " ", None, 3, True, ["3M"], {"3": "M"}, "3M" + self.pick(SURROGATES),
                "3M\x1c", "\x1e3M", "3M\u0085", "\u180e3M", "\ufeff3M", "\U0001d7d13M",
            ]
        )

    def pnl_periods_value(self) -> Any:
        return self.pick(
            [1, 2, 3, 12, 0, -1, -5, True, False, 3.0, 1.0, 2.5, "3", " 3 ", "\uff13", None, [3], {}, NAN, INF,
             -INF, 1e20, self.pick(BIG_INTS), 2**64, 10**30]
        )

    def bool_value(self) -> Any:
        return self.pick([True, False, None, "true", "false", 1, 0, 1.0, "True", "", [], {}, [True], NAN])

    def str_field_value(self) -> Any:
        return self.pick(
            ["acct-1", "", " ", self.ws(), self.pad("x"), "user@example.com", "not an email", None, 123, 1.5,
             True, [], ["a"], {}, "a" + self.pick(SURROGATES), self.pick(SURROGATES), "\u00e9", "x" * 500,
             self.pick(BIG_INTS), NAN]
        )

    def arguments_value(self) -> Any:
        return self.pick(
            [[], ["a"], ["a", "b"], [" a "], [1], ["a", None], [["a"]], [{}], "a", " a ", None, 5, {}, {"a": 1},
             [self.pick(SURROGATES)], ["ok", self.pick(SURROGATES)], [True, False], [self.ws()], [""],
             ["--weekly", "--period", "3M"], [NAN]]
        )

    def lambda_payload(self) -> dict[str, Any]:
        ev: dict[str, Any] = {}
        style = self.r.randrange(10)
        fields: dict[str, Callable[[], Any]] = {
            "schema_version": lambda: self.pick(["1.0", "1.0", "2.0", "1", "1.00", " 1.0", None, 1.0, 1, "", "1.0\u00a0"]),
            "mode": lambda: self.literal_variant(["trade", "bot"]),
            "trading_mode": lambda: self.literal_variant(["paper", "live"]),
            "arguments": self.arguments_value,
            "action": lambda: self.literal_variant(["pnl_analysis"]),
            "month": self.month_value,
            "account_id": self.str_field_value,
            "pnl_type": lambda: self.literal_variant(["weekly", "monthly"]),
            "pnl_periods": self.pnl_periods_value,
            "pnl_period": self.pnl_period_value,
            "pnl_detailed": self.bool_value,
            "to": self.str_field_value,
            "subject": self.str_field_value,
            "dry_run": self.bool_value,
            "correlation_id": lambda: self.pick(
                ["corr-1", "", " ", None, 123, 0, 1.5, True, False, [], ["c"], {}, {"a": 1}, NAN,
                 "c" + self.pick(SURROGATES), self.pad("corr")]
            ),
            "causation_id": self.str_field_value,
        }
        names = list(fields)
        if style <= 2:
            # mostly-valid: pick a realistic command
            base = self.pick(
                [
                    {}, {"mode": "trade"}, {"mode": "bot"}, {"mode": "trade", "trading_mode": "paper"},
                    {"mode": "trade", "trading_mode": "live"}, {"action": "pnl_analysis", "pnl_type": "weekly"},
                    {"action": "pnl_analysis", "pnl_type": "monthly", "pnl_detailed": True},
                    {"action": "pnl_analysis", "pnl_period": "3M"},
                    {"action": "pnl_analysis", "pnl_type": "weekly", "pnl_period": "3M", "pnl_periods": 3,
                     "pnl_detailed": True},
                    {"action": "pnl_analysis", "pnl_type": "weekly", "pnl_periods": 1},
                    {"action": "monthly_summary"}, {"action": "pnl_analysis"},
                    {"schema_version": "1.0", "mode": "trade", "dry_run": True, "correlation_id": "c1"},
                    {"month": "2024-13", "to": "a@b.c", "subject": "s", "arguments": ["x"]},
                ]
            )
            ev = dict(base)
            if self.chance(0.3):
                n = self.pick(names)
                ev[n] = fields[n]()
        elif style <= 5:
            # pnl combinations
            ev["action"] = self.pick(["pnl_analysis"] * 6 + [None, "PNL_ANALYSIS", " pnl_analysis", "monthly_summary"])
            if self.chance(0.7):
                ev["pnl_type"] = self.pick(["weekly", "monthly", None, "", "Weekly", "daily", " weekly", 1])
            if self.chance(0.6):
                ev["pnl_period"] = self.pnl_period_value()
            if self.chance(0.5):
                ev["pnl_periods"] = self.pnl_periods_value()
            if self.chance(0.4):
                ev["pnl_detailed"] = self.bool_value()
            if self.chance(0.1):
                del ev["action"]
        else:
            # random subset of fields, random values
            for n in self.r.sample(names, self.r.randint(1, 6)):
                ev[n] = fields[n]()
        # extra keys
        if self.chance(0.15):
            for _ in range(self.r.randint(1, 3)):
                ev[self.pick(["extra", "api_key", "secret_key", "password", "token", "credentials", "Mode",
                              "mode ", "version", "id", "source", "time", "input", "Input", self.key()])] = self.junk()
        # shuffle key order sometimes (error order depends on field order, extras on input order)
        if self.chance(0.3):
            items = list(ev.items())
            self.r.shuffle(items)
            ev = dict(items)
        return ev

    # ------------------------------------------------------------------ domain details
    def base_detail(self, dt: str) -> dict[str, Any]:
        slug = {
            "WorkflowStarted": "workflow-started",
            "SignalGenerated": "signal-generated",
            "RebalancePlanned": "rebalance-planned",
            "TradeExecuted": "trade-executed",
            "WorkflowCompleted": "workflow-completed",
            "WorkflowFailed": "workflow-failed",
        }[dt]
        d: dict[str, Any] = {
            "correlation_id": f"corr-{self.r.randrange(10**6)}",
            "causation_id": self.pick(["system-request-2025-10-14T13:35:50.566524+00:00", "cause-1", "signal-generated-abc"]),
            "event_id": f"{slug}-{self.r.randrange(16**8):08x}",
            "event_type": dt,
            "timestamp": self.pick(["2025-10-14T13:35:50.566542Z", "2023-10-14T12:00:00+00:00", "2025-10-14T12:00:00Z"]),
            "source_module": self.pick(["strategy_v2.handlers", "orchestration.event_driven_orchestrator", "x"]),
            "source_component": self.pick(["EventDrivenOrchestrator", None, "Handler"]),
            "metadata": {} if dt in ("SignalGenerated", "RebalancePlanned", "TradeExecuted") else self.pick([None, {}, {"k": "v"}]),
            "schema_version": "1.0",
        }
        if dt == "WorkflowStarted":
            d.update(workflow_type="trading", requested_by="TradingSystem", configuration={"live_trading": False})
        elif dt == "SignalGenerated":
            d.update(signals_data={"BTC": 0.5, "nuclear": {"SPY": 0.3}}, consolidated_portfolio={"BTC": 0.5},
                     signal_count=self.pick([0, 1, 3, -1]))
        elif dt == "RebalancePlanned":
            d.update(self.rebalance_body(d))
        elif dt == "TradeExecuted":
            d.update(execution_data={"orders": []}, success=True, orders_placed=2, orders_succeeded=2,
                     failure_reason=None, failed_symbols=[])
        elif dt == "WorkflowCompleted":
            d.update(workflow_type="trading", workflow_duration_ms=12345, success=True, summary={})
        elif dt == "WorkflowFailed":
            d.update(workflow_type="trading", failure_reason="boom", failure_step="portfolio_analysis",
                     error_details={"error": "x"})
        # optional fields sometimes dropped (they have defaults)
        for opt in ("event_type", "source_component", "metadata", "schema_version", "configuration", "summary",
                    "error_details", "failure_reason", "failed_symbols"):
            if opt in d and self.chance(0.2) and not (dt == "WorkflowFailed" and opt == "failure_reason"):
                del d[opt]
        return d

    def rebalance_body(self, d: dict[str, Any]) -> dict[str, Any]:
        n = self.pick([1, 1, 2, 3, 0])
        syms = self.r.sample(["SPY", "QQQ", "TQQQ", "BTC", "UVXY", "TECL", "SOXL", "BIL"], max(n, 1))[:n]

        def dec() -> Any:
            return self.pick(["0.5", "1000", "0", "-0.1", "1.5", "1E+3", "NaN", 0.5, 1, 0, "abc"])

        items = []
        for i, s in enumerate(syms):
            items.append(
                {
                    "symbol": self.pick([s, s.lower(), self.pad(s), "", "TOOLONGSYMBOL", 5, " " * 3, s]),
                    "current_weight": dec(), "target_weight": dec(), "weight_diff": dec(),
                    "target_value": dec(), "current_value": dec(), "trade_amount": dec(),
                    "action": self.pick(["BUY", "SELL", "HOLD", "buy", " sell ", "HODL", "", 1, None, "BUY"]),
                    "priority": self.pick([1, 2, 5, 0, 6, "1", 1.0, True, i + 1]),
                }
            )
        plan = {
            "schema_version": "1.0",
            "correlation_id": d["correlation_id"],
            "causation_id": d["causation_id"],
            "timestamp": self.pick(["2025-10-14T12:00:00.123456Z", "2025-10-14T12:00:00Z"]),
            "plan_id": self.pick([f"plan-{self.r.randrange(10**6)}", "", " "]),
            "items": items,
            "total_portfolio_value": dec(),
            "total_trade_value": dec(),
            "max_drift_tolerance": self.pick(["0.05", 0.05, "2"]),
            "execution_urgency": self.pick(["NORMAL", "LOW", "HIGH", "URGENT", "normal", " high ", "ASAP", "", 5, None]),
            "estimated_duration_minutes": self.pick([None, 1, 5, 0, -1, "5", 5.0]),
            "metadata": self.pick([None, {}, {"a": 1}, [], "x"]),
        }
        for opt in ("max_drift_tolerance", "execution_urgency", "estimated_duration_minutes", "metadata", "schema_version"):
            if self.chance(0.2):
                del plan[opt]
        comp = {
            "target_values": {s: dec() for s in syms},
            "current_values": {s: dec() for s in syms},
            "deltas": {s: dec() for s in syms},
        }
        if self.chance(0.1):
            comp = self.pick([{}, [], None, {"target_values": {}, "current_values": {}, "deltas": {}}])
        return {
            "rebalance_plan": plan if self.chance(0.9) else self.pick([None, {}, [], "plan"]),
            "allocation_comparison": comp,
            "trades_required": self.pick([True, False, "true", 1, None]),
        }

    def mutate_detail(self, d: dict[str, Any], dt: str) -> dict[str, Any]:
        d = copy.deepcopy(d)
        nmut = self.pick([0, 0, 0, 1, 1, 1, 2, 3])
        keys = list(d)
        for _ in range(nmut):
            if not keys:
                break
            k = self.r.randrange(12)
            key = self.pick(keys)
            if k <= 1:
                d.pop(key, None)
            elif k == 2:
                d[key] = ""
            elif k == 3:
                d[key] = self.ws()
            elif k == 4 and isinstance(d.get(key), str):
                d[key] = self.pad(d[key])
            elif k == 5:
                d[key] = None
            elif k == 6:
                d[key] = self.pick([{}, [], {"a": 1}, ["a"], {self.key(): 1}])
            elif k == 7:
                d[key] = self.junk_scalar()
            elif k == 8:
                d["timestamp"] = self.timestamp()
            elif k == 9:
                present, v = self.event_id(dt.lower())
                if present:
                    d["event_id"] = v
                else:
                    d.pop("event_id", None)
            elif k == 10:
                d[self.pick(["extra", "mode", "detail", "id", "schema", self.key()])] = self.junk()
            else:
                d[key] = self.junk()
        # targeted mutations
        if self.chance(0.15):
            d["timestamp"] = self.timestamp()
        if self.chance(0.1):
            present, v = self.event_id(dt.lower())
            if present:
                d["event_id"] = v
            else:
                d.pop("event_id", None)
        if self.chance(0.05):
            d["metadata"] = None
        if self.chance(0.05):
            d["schema_version"] = self.pick(["2.0", 2, "", " ", None, 1.0])
        if self.chance(0.05):
            d["event_type"] = self.pick(["", " ", "Other", None, 5, self.pick(DOMAIN_TYPES)])
        if self.chance(0.03):
            d["metadata"] = {self.pick(SURROGATES): 1}
        if self.chance(0.05):
            d["deep"] = self.nested(self.r.randint(5, 60))
        if self.chance(0.2):
            items = list(d.items())
            self.r.shuffle(items)
            d = dict(items)
        return d

    # ------------------------------------------------------------------ envelopes
    def envelope(self, detail_type: Any, source: Any, detail: Any, *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
        ev: dict[str, Any] = {}
        full = self.chance(0.7)
        if full:
            ev["version"] = "0"
            ev["id"] = self.pick([f"{self.r.randrange(16**8):08x}-env", "test-event-123", ""])
        ev["detail-type"] = detail_type
        ev["source"] = source
        if full:
            ev["account"] = "211125653762"
            ev["time"] = "2025-10-14T13:35:50Z"
            ev["region"] = "us-east-1"
            ev["resources"] = self.pick([[], ["correlation:c", "causation:d"]])
        ev["detail"] = detail
        if self.chance(0.03):
            ev["replay-name"] = "replay-20251014-120000"
        if self.chance(0.05):
            ev["correlation_id"] = self.pick(["top-corr", "", None, 123, [], {"a": 1}])
        for k in drop:
            ev.pop(k, None)
        if self.chance(0.1):
            items = list(ev.items())
            self.r.shuffle(items)
            ev = dict(items)
        return ev

    def domain_source(self, dt: str) -> Any:
        good = self.domain_source_good(dt)
        k = self.r.randrange(20)
        if k < 12:
            return good
        if k < 15:
            return self.pick(["alchemiser.", "alchemiser.strategy", "alchemiser.portfolio", "alchemiser.execution",
                              "alchemiser.test", "alchemiser.x.y.z", "alchemiser.\u00e9"])
        return self.pick(["alchemiser", "Alchemiser.x", "ALCHEMISER.x", " alchemiser.x", "alchemiser,x",
                          "alchemiser\u2024x", "custom.x", "aws.events", "", None, 5, 5.5, True, False, [],
                          ["alchemiser.x"], {}, {"a": "alchemiser.x"}, NAN, "alchemiser." + self.pick(SURROGATES),
                          "MISSING"])

    def detail_as_string(self, detail: Any) -> str:
        k = self.r.randrange(10)
        if k < 6:
            return json.dumps(detail)
        if k == 6:
            return json.dumps(detail, indent=self.pick([None, 2]), ensure_ascii=False)
        return self.pick(
            ["", "{", "{not json", "null", "[]", "[1]", '["timestamp"]', '"timestamp"', '"plain"', "5", "1.5",
             "true", "NaN", "Infinity", "-Infinity", "{'a': 1}", '{"event_id": NaN}', '{"event_id": Infinity}',
             '{"event_id": "\\ud800"}', '{"event_id": "e1", "timestamp": "\\udc00"}', "  {}  ", "{}x",
             '{"timestamp": 5}', '{"timestamp": null, "event_id": "e2"}', "\ufeff{}", '{"a":1,"a":2}',
             '"\\ud800"', "[" * 50 + "]" * 50, '{"event_id": 1e400}', '{"event_id": 12345678901234567890123}',
             '{"event_id": "unknown"}', '{"event_id": ""}', '{"event_id": [1]}', '{"event_id": {"a": 1}}',
             "\t\n{}\n", "{}\u00a0", '{"event_id":"e3","timestamp":"2025-10-14T12:00:00Z"}',
             # int over the 4300-digit limit: plain ValueError (not JSONDecodeError) -> escapes
             '{"event_id": ' + "7" * 4301 + "}", '{"signal_count": ' + "7" * 4300 + "}"]
        )

    # ------------------------------------------------------------------ categories
    def cat_command(self) -> Any:
        return self.lambda_payload()

    def cat_non_object(self) -> Any:
        return self.pick(
            [[], [1, 2], [{"mode": "trade"}], [{"detail-type": "SignalGenerated", "source": "alchemiser.x"}],
             "hello", "", " ", "trade", "{\"mode\":\"trade\"}", 5, 0, -0.0, 0.0, 1.5, -1, True, False, None, NAN,
             INF, self.pick(BIG_INTS), [None], [[]], self.pick(SURROGATES)]
        )

    def cat_command_envelope(self) -> Any:
        dt = self.pick(["Scheduled Event", "StartupEvent", "TradingNotificationRequested", "TestEvent",
                        "SystemNotificationRequested", "Object Created", "", None, "signalgenerated",
                        "SignalGenerated ", " SignalGenerated", "SIGNALGENERATED", "Workflow Started", 5, True, NAN,
                        1.5, "ErrorNotificationRequested "])
        src = self.pick(["aws.scheduler", "aws.events", "alchemiser.orchestration.system", "alchemiser.test",
                         "alchemiser.orchestration.event_driven_orchestrator", "custom.x", None, 5, [], {}, "",
                         "MISSING"])
        k = self.r.randrange(8)
        if k <= 2:
            detail: Any = self.lambda_payload()
        elif k == 3:
            detail = self.base_detail(self.pick(DOMAIN_TYPES))
        elif k == 4:
            detail = self.pick([{}, None, "not json", '{"mode":"trade"}', [], [1, 2], 5, 0, True, False, "", NAN])
        elif k == 5:
            detail = {"mode": "trade", "trading_mode": "paper"}
        elif k == 6:
            detail = {"detail-type": "Scheduled Event", "detail": {"mode": "trade"}}  # nested envelope: one level only
        else:
            detail = self.junk()
        ev = self.envelope(dt, src, detail)
        if src == "MISSING":
            ev.pop("source")
        return ev

    def cat_circuit_breaker(self) -> Any:
        k = self.r.randrange(6)
        if k <= 2:
            det = self.pick([
                None, {}, "x", [1], {"event_id": "error-notification-1", "error_severity": "critical"},
                self.base_detail("SignalGenerated"),
            ])
            ev = self.envelope("ErrorNotificationRequested",
                               self.pick(["alchemiser.shared.errors.error_handler", "custom.x", None, 5, [], "MISSING"]),
                               det)
            if ev.get("source") == "MISSING":
                ev.pop("source")
            if self.chance(0.3):
                ev.pop("detail", None)
            return ev
        if k == 3:
            return {"detail-type": "ErrorNotificationRequested"}
        return self.envelope(
            self.pick(["errornotificationrequested", "ErrorNotificationRequested ", "ErrorNotification",
                       ["ErrorNotificationRequested"], {"ErrorNotificationRequested": 1}, "Error Notification Requested"]),
            self.pick(["alchemiser.shared.errors.error_handler", "custom.x"]),
            {"mode": "trade"},
        )

    def cat_domain(self) -> Any:
        dt = self.pick(DOMAIN_TYPES)
        detail: Any = self.mutate_detail(self.base_detail(dt), dt)
        k = self.r.randrange(20)
        if k == 0:
            detail = self.detail_as_string(detail)
        elif k == 1:
            detail = json.dumps(detail)
        elif k == 2:
            detail = self.pick([None, 5, 0, 1.5, True, False, [], [1], ["timestamp"], ["timestamp", 1], "",
                                "timestamp", {}, NAN, {"timestamp": "2025-10-14T12:00:00Z"}])
        src = self.domain_source(dt)
        ev = self.envelope(dt, src, detail)
        if src == "MISSING":
            ev.pop("source")
        if self.chance(0.03):
            ev.pop("detail")
        return ev

    def cat_envelope_edges(self) -> Any:
        k = self.r.randrange(8)
        dt = self.pick(DOMAIN_TYPES + ["Scheduled Event", "StartupEvent"])
        if k == 0:  # missing detail
            return self.envelope(dt, self.pick(["alchemiser.x", "aws.scheduler", "custom.x"]), None, drop=("detail",))
        if k == 1:  # missing detail-type
            return self.envelope(dt, "alchemiser.x", self.pick([{"mode": "trade"}, {}, self.base_detail("SignalGenerated")]),
                                 drop=("detail-type",))
        if k == 2:  # unhashable detail-type
            return self.envelope(self.pick([[], [dt], {}, {"x": dt}, [[dt]]]),
                                 self.pick(["alchemiser.x", 5, None]), self.pick([{}, {"mode": "trade"}, None]))
        if k == 3:  # only detail
            return {"detail": self.pick([{}, {"mode": "trade"}, None, "x", self.base_detail("SignalGenerated")])}
        if k == 4:  # only detail-type (+maybe source)
            ev = {"detail-type": dt}
            if self.chance(0.5):
                ev["source"] = self.pick(["alchemiser.x", "custom.x", None, 5])
            return ev
        if k == 5:  # domain type, weird source, no detail
            return {"detail-type": self.pick(DOMAIN_TYPES), "source": self.domain_source("SignalGenerated")}
        if k == 6:  # LambdaEvent fields + envelope keys mixed
            ev = self.lambda_payload()
            ev.update({self.pick(["detail-type", "detail", "source"]): self.pick(["Scheduled Event", {}, "aws.x"])})
            return ev
        # domain detail-type with a LambdaEvent-valid detail and non-alchemiser source
        return self.envelope(self.pick(DOMAIN_TYPES), self.pick(["custom.x", "alchemiser", "aws.scheduler"]),
                             self.pick([{}, {"mode": "trade"}, {"action": "pnl_analysis", "pnl_type": "weekly"},
                                        {"correlation_id": "c", "causation_id": "d"}]))

    def cat_rebalance(self) -> Any:
        d = self.base_detail("RebalancePlanned")
        d["event_type"] = "RebalancePlanned"
        d["source_component"] = "PortfolioAnalysisHandler"
        d["metadata"] = {}
        d["schema_version"] = "1.0"
        if self.chance(0.3):
            d = self.mutate_detail(d, "RebalancePlanned")
        return self.envelope("RebalancePlanned", "alchemiser.portfolio_v2.handlers", d)

    # ------------------------------------------------------------------ facts §10-§13 classes
    def sur_run(self) -> str:
        """One run of lone surrogates: never a high one directly before a low one (that pair
        would decode to one astral character)."""
        return self.pick(LONE_RUNS)

    def sur_text(self, head: str = "") -> str:
        """A str holding lone surrogates, with what decides how structlog renders it (§10.2, §10.6):
        astral characters before it, adjacent runs, a second run, and now and then one of the 7
        characters that switch the value to repr() (then the line does not raise)."""
        pre = self.pick(["", "", "", "x", "ab", "\U0001f600", "\U0001f600\U0001f600", "\u00e9", "\u4e2d",
                         "a-b.c", "\u00a0", "\x0b", "\u3000", "\x1c", "\u2028", "\x7f", "\x00"])
        post = self.pick(["", "", "", "y", "\U0001f600", "-1", "\u00a0", "\x0c", "\u0085", "y" + self.sur_run()])
        s = head + pre + self.sur_run() + post
        if self.chance(0.25):
            i = self.r.randint(len(head), len(s))
            s = s[:i] + self.pick(REPR_SWITCH) + s[i:]
        return s

    def good_source(self, dt: str) -> str:
        return self.pick(["alchemiser.x", self.domain_source_good(dt), "alchemiser.", "alchemiser.\u00e9t\u00e9",
                          "alchemiser.a b", "alchemiser.x=y"])

    def domain_source_good(self, dt: str) -> str:
        return {
            "WorkflowStarted": "alchemiser.orchestration.event_driven_orchestrator",
            "SignalGenerated": "alchemiser.strategy_v2.handlers",
            "RebalancePlanned": "alchemiser.portfolio_v2.handlers",
            "TradeExecuted": "alchemiser.execution_v2.handlers",
            "WorkflowCompleted": "alchemiser.execution_v2.handlers",
            "WorkflowFailed": "alchemiser.portfolio_v2.handlers",
        }[dt]

    def top_correlation(self) -> Any:
        """Top-level correlation_id values that move the later fields of lines #1/#3."""
        return self.pick(["top-corr", "a b", "c=1", "'q'", 123, 0, 1.5, True, False, None, "", ["x"], {"k": "v"},
                          "x" * 40, "\u00e9t\u00e9", "\U0001f600", "\u00a0x", ["\ud800"], {"k": "\udc00"}])

    def cat_log_surrogates(self) -> Any:
        """§10: lone surrogates in every field the cold container's log lines print raw."""
        k = self.r.randrange(20)
        if k <= 3:  # #1: top-level correlation_id, on any event shape
            base = self.pick([self.lambda_payload, self.cat_domain, self.cat_circuit_breaker,
                              self.cat_command_envelope, self.cat_rebalance])()
            ev = dict(base) if isinstance(base, dict) else {}
            ev["correlation_id"] = self.sur_text(self.pick(["", "", "corr-", "c"]))
            if self.chance(0.3):
                items = list(ev.items())
                self.r.shuffle(items)
                ev = dict(items)
            return ev
        if k <= 6:  # #3: source of a domain event; the top-level correlation id moves its offset
            dt = self.pick(DOMAIN_TYPES)
            detail: Any = self.base_detail(dt)
            if self.chance(0.2):
                detail = json.dumps(detail)
            ev = self.envelope(dt, self.sur_text("alchemiser."), detail)
            if self.chance(0.5):
                ev["correlation_id"] = self.top_correlation()
            return ev
        if k <= 11:  # #4 / #5: detail correlation_id and/or event_id (object or JSON-string detail)
            dt = self.pick(DOMAIN_TYPES)
            d = self.base_detail(dt)
            which = self.r.randrange(5)
            if which in (0, 2, 3):
                d["event_id"] = self.sur_text(self.pick(["", "", "e-", "evt"]))
            if which in (1, 2, 4):
                d["correlation_id"] = self.sur_text(self.pick(["", "", "corr-"]))
            if which == 3:  # the detail correlation id (C') moves the event_id offset of #4
                v = self.pick([None, 5, "a b", ["c"], "MISSING", "\u00e9", "c" * 50, True, "", "\U0001f600"])
                if v == "MISSING":
                    d.pop("correlation_id")
                else:
                    d["correlation_id"] = v
            if which == 4 and self.chance(0.5):  # the exception #5 replaces
                d["timestamp"] = self.pick(["nope", 5, None, "2025-10-14"])
            if self.chance(0.25):
                d = self.mutate_detail(d, dt)
            detail = json.dumps(d) if self.chance(0.35) else d
            ev = self.envelope(dt, self.good_source(dt), detail)
            if self.chance(0.2):
                ev["correlation_id"] = self.top_correlation()
            return ev
        if k <= 15:  # #7: command-path envelope whose detail-type or source holds a surrogate
            which = self.r.randrange(3)
            if which == 0:
                dt_v: Any = self.sur_text(self.pick(["", "Sched", "Scheduled Event", "StartupEvent", "SignalGenerated",
                                                     "WorkflowStarted", "x"]))
                src: Any = self.pick(["aws.scheduler", "custom.x", "alchemiser.x", "MISSING", None, 5, ["x"],
                                      "a b", self.sur_text()])
            elif which == 1:
                dt_v = self.pick(["Scheduled Event", "StartupEvent", "TestEvent", "TradingNotificationRequested",
                                  None, 5, "", "x"])
                src = self.sur_text(self.pick(["", "", "alchemiser.", "aws.", "custom."]))
            else:
                dt_v = self.pick(DOMAIN_TYPES)
                src = self.sur_text(self.pick(["custom.", "aws.", "", "Alchemiser.", "alchemiser", " alchemiser."]))
            detail = self.pick([{}, {"mode": "trade"}, None, "x", {"action": "pnl_analysis", "pnl_type": "weekly"},
                                self.base_detail(self.pick(DOMAIN_TYPES)), {"mode": "\ud800"}, [1]])
            ev = self.envelope(dt_v, src, detail)
            if src == "MISSING":
                ev.pop("source")
            if self.chance(0.1):
                ev.pop("detail")  # not an envelope: #7 is not logged, extra_forbidden instead
            return ev
        if k <= 17:  # surrogates that no log line prints raw (the lenient outcome stands)
            dt = self.pick(DOMAIN_TYPES)
            d = self.base_detail(dt)
            choice = self.r.randrange(8)
            if choice == 0:
                d["metadata"] = {"k": self.sur_text()}
            elif choice == 1:
                d["event_id"] = [self.sur_text()]
            elif choice == 2:
                d["correlation_id"] = {"k": self.sur_text()}
            elif choice == 3:
                d["correlation_id"] = self.pick(["'", "a ", "=", "\t"]) + self.sur_text()
            elif choice == 4:
                d[self.sur_text()] = 1
            elif choice == 5:
                return self.envelope("ErrorNotificationRequested", self.pick([self.sur_text(), "x"]),
                                     self.pick([{"correlation_id": self.sur_text()}, self.sur_text(), {}]))
            elif choice == 6:
                return self.envelope(self.pick(["Scheduled Event", "StartupEvent"]), [self.sur_text()], {})
            else:
                return {"correlation_id": self.pick([[self.sur_text()], {"k": self.sur_text()}]),
                        "mode": self.pick(["trade", "bot"])}
            return self.envelope(dt, self.good_source(dt), json.dumps(d) if self.chance(0.3) else d)
        # combinations: which comes first (#1 before routing, #3 before decoding, #4 before dedup/self)
        dt = self.pick(DOMAIN_TYPES)
        d = self.base_detail(dt)
        d[self.pick(["correlation_id", "event_id"])] = self.sur_text()
        if self.chance(0.5):
            d["self"] = 1
        detail: Any = json.dumps(d)
        if self.chance(0.3):
            detail = "[" * 1498 + "]" * 1498
        ev = self.envelope(dt, self.pick([self.sur_text("alchemiser."), "alchemiser.x"]), detail)
        if self.chance(0.4):
            ev["correlation_id"] = self.pick([self.sur_text(), "top", "a b"])
        return ev

    def cat_self_key(self) -> Any:
        """§11: a detail key named exactly "self" (BaseEvent's constructor), and its look-alikes."""
        k = self.r.randrange(14)
        dt = self.pick(DOMAIN_TYPES)
        d = self.base_detail(dt)
        if k <= 5:  # a domain detail with "self"
            if self.chance(0.3):
                d = self.mutate_detail(d, dt)
            d["self"] = self.pick(SELF_VALUES)
            if self.chance(0.25):  # what runs first: timestamp conversion, dedup
                d["timestamp"] = self.pick(["nope", "", 5, None, 1.5, [], "2025-10-14", "2025-10-14T12:00:00Z",
                                            "2025-10-14T12:00:00z"])
            if self.chance(0.15):
                v = self.pick(["unknown", "", None, 0, "MISSING", ["e"], "e-9"])
                if v == "MISSING":
                    d.pop("event_id", None)
                else:
                    d["event_id"] = v
            if self.chance(0.1):
                d = self.pick([{"self": self.pick(SELF_VALUES)}, {"event_id": "e-9", "correlation_id": 5, "self": 1},
                               {"self": 1, "event_id": "unknown"}])
            if self.chance(0.4):
                items = list(d.items())
                self.r.shuffle(items)
                d = dict(items)
            detail: Any = json.dumps(d) if self.chance(0.3) else d
            return self.envelope(dt, self.good_source(dt), detail)
        if k == 6:  # look-alike keys: ordinary ignored extras
            d[self.pick(["Self", "SELF", "data", "self ", " self", "_self", "cls", "__self__", "self\u200b",
                         "\u017felf", "se lf"])] = self.pick(SELF_VALUES)
            return self.envelope(dt, self.good_source(dt), json.dumps(d) if self.chance(0.3) else d)
        if k == 7:  # nested: plain pydantic constructors / plain data
            dt = self.pick(["RebalancePlanned", "SignalGenerated", "WorkflowStarted", "TradeExecuted"])
            d = self.base_detail(dt)
            v = self.pick(SELF_VALUES)
            if dt == "RebalancePlanned":
                plan = d.get("rebalance_plan")
                where = self.r.randrange(3)
                if where == 0 and isinstance(plan, dict):
                    plan["self"] = v
                elif where == 1 and isinstance(plan, dict) and isinstance(plan.get("items"), list) and plan["items"]:
                    plan["items"][0]["self"] = v
                elif isinstance(d.get("allocation_comparison"), dict):
                    d["allocation_comparison"]["self"] = v
                else:
                    d["metadata"] = {"self": v}
            elif dt == "SignalGenerated":
                d[self.pick(["signals_data", "consolidated_portfolio", "metadata"])] = {"self": v}
            elif dt == "WorkflowStarted":
                d[self.pick(["configuration", "metadata"])] = {"self": v}
            else:
                d["execution_data"] = {"self": v, "orders": []}
            return self.envelope(dt, self.good_source(dt), d)
        if k == 8:  # envelope level: never a keyword argument
            ev = self.envelope(dt, self.good_source(dt), d)
            ev["self"] = self.pick(SELF_VALUES)
            return ev
        if k <= 11:  # command path: LambdaEvent's standard constructor -> extra_forbidden
            v = self.pick(SELF_VALUES)
            return self.pick([
                {"self": v},
                {"mode": "trade", "self": v},
                {"action": "pnl_analysis", "pnl_type": "weekly", "self": v},
                self.envelope("Scheduled Event", "aws.scheduler", {"self": v}),
                self.envelope("StartupEvent", "alchemiser.x", {"self": v}),
                self.envelope("TestEvent", "alchemiser.test", {"mode": "trade", "self": v}),
                self.envelope(dt, self.pick(["custom.x", "aws.events"]), dict(d, self=v)),
                self.envelope("Scheduled Event", "aws.scheduler", json.dumps({"self": v})),
            ])
        if k == 12:  # circuit breaker: unaffected
            ev = self.envelope("ErrorNotificationRequested", "alchemiser.shared.errors.error_handler",
                               self.pick([{"self": 1}, dict(d, self=1)]))
            if self.chance(0.5):
                ev["self"] = 1
            return ev
        # "self" together with what preempts it (§10) or with detail shapes that fail earlier
        d["self"] = 1
        choice = self.r.randrange(4)
        if choice == 0:
            d["correlation_id"] = self.sur_text()
        elif choice == 1:
            d["event_id"] = self.sur_text()
        elif choice == 2:
            d["timestamp"] = "not-a-date"
        else:
            return self.envelope(dt, self.sur_text("alchemiser."), d)
        return self.envelope(dt, self.good_source(dt), json.dumps(d) if self.chance(0.3) else d)

    def edge_pad(self, s: str) -> str:
        pre = "".join(self.pick(STRIP_EDGE) for _ in range(self.r.choice([0, 0, 1, 1, 2, 3])))
        post = "".join(self.pick(STRIP_EDGE) for _ in range(self.r.choice([0, 0, 1, 1, 2, 3])))
        return pre + s + post

    def strip_value(self, words: list[str]) -> Any:
        """A value for action / execution_urgency around Python's and pydantic's strip sets (§12)."""
        w = self.pick(words + ["\u017fell", "\u017f", "hodl", "", "\u00df", "Buy", "normal", "Urgent", "B UY"])
        k = self.r.randrange(12)
        if k <= 6:
            return self.edge_pad(self.case_variant(w))
        if k == 7:
            return "".join(self.pick(STRIP_EDGE) for _ in range(self.r.randint(1, 3)))
        if k == 8:
            i = self.r.randint(0, len(w))
            return w[:i] + self.pick(STRIP_EDGE) + w[i:]
        if k == 9:
            return self.pick(["BUY\u001f", "\u001cSELL", "\u001e hold \u001d", "BUY\u0085", "\u3000SELL",
                              "\u001f", "BUY\u200b", "\ufeffBUY", "BUY\u180e", "HOLD\u001c\u0000", "\u001cHIGH",
                              "LOW\u001f", "\u001d", "URGENT\u200b", "\u2028normal\u2029", "\u00a0LOW\u00a0"])
        if k == 10:
            return self.pick([5, None, 1.5, True, ["BUY"], {}, self.sur_text()])
        return self.pick(words)

    def symbol_value(self) -> Any:
        k = self.r.randrange(6)
        if k <= 2:
            return self.edge_pad(self.pick(["AAPL", "spy", "BRK.B", "ABCDEFGHIJ", "ABCDEFGHI", "x", "\u017fpy", "tqqq"]))
        if k == 3:
            return self.pick(["\u001f", "\u001c\u001d", " ABCDEFGHIJ ", "\u200b", "\u001fABCDEFGHIJ", "ABCDEFGHIJK",
                              " ", "", "\u001cABCDEFGHI\u001d", "\u3000ABCDEFGHIJ\u3000", "\u0085ABCDEFGHIJK",
                              "ABCDEFGHIJ\u200b", "\u00df" * 10])
        if k == 4:
            return "".join(self.pick(STRIP_EDGE) for _ in range(self.r.randint(1, 11)))
        return self.pick([5, None, ["AAPL"], self.sur_text()])

    def cat_strip(self) -> Any:
        """§12: RebalancePlanItem action/symbol and RebalancePlan execution_urgency, whose
        validators strip with Python's set after pydantic's own trim."""
        if self.chance(0.15):  # the addendum's fuzz shape: a bare plan with only the probed fields
            item: dict[str, Any] = {"action": self.strip_value(ACTIONS)}
            if self.chance(0.5):
                item["symbol"] = self.symbol_value()
            plan: dict[str, Any] = {"items": [item]}
            if self.chance(0.5):
                plan["execution_urgency"] = self.strip_value(URGENCIES)
            return self.envelope("RebalancePlanned", self.good_source("RebalancePlanned"), {"rebalance_plan": plan})
        d = self.base_detail("RebalancePlanned")
        body = self.rebalance_body(d)
        plan = body["rebalance_plan"] if isinstance(body["rebalance_plan"], dict) else {}
        items = plan.get("items") or []
        if not items:
            items = [{"symbol": "SPY", "current_weight": "0.4", "target_weight": "0.5", "weight_diff": "0.1",
                      "target_value": "5000", "current_value": "4000", "trade_amount": "1000", "action": "BUY",
                      "priority": 1}]
        for it in items:
            if self.chance(0.8):
                it["action"] = self.strip_value(ACTIONS)
            if self.chance(0.6):
                it["symbol"] = self.symbol_value()
        plan["items"] = items
        if self.chance(0.7):
            plan["execution_urgency"] = self.strip_value(URGENCIES)
        elif self.chance(0.5):
            plan.pop("execution_urgency", None)
        d.update(body)
        d["rebalance_plan"] = plan
        detail: Any = json.dumps(d) if self.chance(0.2) else d
        return self.envelope("RebalancePlanned", self.good_source("RebalancePlanned"), detail)

    def deep_text(self, depth: int, inner: str) -> str:
        """``depth`` nested arrays/objects around ``inner`` (a JSON text)."""
        shape = self.r.randrange(4)
        opens: list[str] = []
        closes: list[str] = []
        for i in range(depth):
            if shape == 0:
                kind = "["
            elif shape == 1:
                kind = "{"
            elif shape == 2:
                kind = "[" if i % 2 else "{"
            else:
                kind = self.pick("[{")
            if kind == "[":
                opens.append(self.pick(["[", "[", "[ ", "[1,"]))
                closes.append("]")
            else:
                opens.append(self.pick(['{"a":', '{"a":', '{"k": ', '{"x":1,"a":']))
                closes.append("}")
        return "".join(opens) + inner + "".join(reversed(closes))

    def cat_deep(self) -> Any:
        """§13.1: string details nested near 1000 and around the 1497-level cut-off."""
        depth = self.pick(DEEP_LEVELS)
        dt = self.pick(DOMAIN_TYPES)
        k = self.r.randrange(10)
        inner = self.pick(["1", "null", '"x"', "[]", "{}", "true"])
        extra = 1 if inner in ("[]", "{}") else 0  # an empty container is one level too
        if k <= 2:  # the whole detail is nested
            detail = self.deep_text(depth - extra, inner)
        elif k <= 6:  # a valid detail whose dict field is nested: outer object = level 1
            d = self.base_detail(dt)
            field = self.pick(["metadata", "deep", {
                "WorkflowStarted": "configuration", "SignalGenerated": "signals_data",
                "RebalancePlanned": "metadata", "TradeExecuted": "execution_data",
                "WorkflowCompleted": "summary", "WorkflowFailed": "error_details"}[dt]])
            d[field] = "@DEEP@"
            text = json.dumps(d)
            deep = self.deep_text(depth - 1 - extra, inner)
            if not deep.startswith("{") and self.chance(0.7):  # dict fields need an object at the top
                deep = '{"a":' + self.deep_text(depth - 2 - extra, inner) + "}"
            detail = text.replace('"@DEEP@"', deep)
        elif k == 7:  # a syntax error before the deep part: JSONDecodeError -> {}
            detail = '{"event_id": "e-1",, "x": ' + self.deep_text(depth - 1 - extra, inner) + "}"
        elif k == 8:  # garbage after the deep part: the depth is hit first
            detail = self.deep_text(depth - extra, inner) + self.pick(["x", ",", "]", " }"])
        else:  # not decoded: the command path, the circuit breaker, an object detail
            text = self.deep_text(depth - extra, inner)
            return self.pick([
                self.envelope("Scheduled Event", "aws.scheduler", text),
                self.envelope("ErrorNotificationRequested", "alchemiser.x", text),
                self.envelope(dt, "custom.x", text),
                # an object detail (the line itself nests ~990 levels: every interpreter
                # decodes and encodes that deep alike, with the recursion limit raised below)
                self.envelope(dt, self.good_source(dt), {"event_id": "e-deep", "metadata": json.loads(
                    self.deep_text(min(depth, 988) - extra, inner))}),
            ])
        return self.envelope(dt, self.good_source(dt), detail)

    def cat_facts_10_13(self) -> Any:
        u = self.r.random()
        if u < 0.40:
            return self.cat_log_surrogates()
        if u < 0.65:
            return self.cat_self_key()
        if u < 0.85:
            return self.cat_strip()
        return self.cat_deep()

    # ------------------------------------------------------------------ raw lines
    def raw_line(self) -> str:
        return self.pick(
            [
                '{"mode":"trade","mode":"TRADE"}',
                '{"mode":"TRADE","mode":"trade"}',
                '{"pnl_periods":NaN,"action":"pnl_analysis","pnl_type":"weekly"}',
                '{"pnl_periods":Infinity}',
                '{"pnl_periods":-Infinity}',
                '{"pnl_periods":1e400}',
                '{"pnl_periods":3.0}',
                '{"pnl_periods":3E0}',
                '{"pnl_periods":-0}',
                '{"pnl_periods":123456789012345678901234567890}',
                '{"pnl_periods":"\\u0663"}',
                '{"pnl_period":"\\u0663M","action":"pnl_analysis"}',
                '{"pnl_period":"\\uff13M","action":"pnl_analysis"}',
                '{"month":"\\u0662\\u0660\\u0662\\u0664-\\u0660\\u0661"}',
                '{"mode":"\\ud800"}',
                '{"account_id":"\\ud800"}',
                '{"account_id":"\\udc00\\ud800"}',
                '{"account_id":"\\ud83d\\ude00"}',
                '{"\\ud800":1}',
                '{"arguments":["\\udfff"]}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":NaN}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":Infinity}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":-Infinity}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":"\\ud800"}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":1e400,"timestamp":"2025-10-14T12:00:00Z"}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":"{\\"event_id\\": NaN}"}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":"{\\"event_id\\": \\"\\\\ud800\\"}"}',
                '{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{"timestamp":"2025-10-14T12:00:00\\ud800"}}',
                '{"detail-type":NaN,"source":"alchemiser.x","detail":{}}',
                '{"detail-type":"SignalGenerated","source":NaN,"detail":{}}',
                '{"detail-type":"SignalGenerated","detail-type":["x"],"source":"alchemiser.x","detail":{}}',
                '{"detail-type":["x"],"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"event_id":"dup-key"}}',
                '{"detail-type":"SignalGenerated","source":"alchemiser.\\ud800","detail":{}}',
                '{"correlation_id":1e400}',
                "NaN",
                "Infinity",
                "-Infinity",
                "-0",
                "-0.0",
                "0e0",
                "1E400",
                '"\\ud800"',
                '""',
                "[]",
                "{}",
                "null",
                "true",
                "false",
                ' \t {"mode":"trade"} \t ',
                '{"mode" : "trade" , "trading_mode" :"paper"}',
                # invalid JSON (parse errors)
                "{",
                "nope",
                "{'mode': 'trade'}",
                '{"mode":"trade"}}',
                '{"mode":"trade"} x',
                "[1,]",
                '{"a":01}',
                '{"a":+1}',
                '{"a":.5}',
                '{"a":1.}',
                '{"a":nan}',
                '{"a":infinity}',
                '{"a":"\\x"}',
                '{"a":"\\u12"}',
                '{"a":"tab\there"}',
                '{"a":"\x01"}',
                '{"a" 1}',
                "tru",
                '{"mode":"trade",}',
                "1" * 4301,
                '{"pnl_periods":' + "9" * 4400 + "}",
                '{"pnl_periods":' + "9" * 4300 + "}",
            ]
        )

    # ------------------------------------------------------------------ driver
    def event(self) -> tuple[str, Any]:
        """Return ('json', obj) or ('raw', text)."""
        w = self.r.random()
        if w < self.new_share:
            return "json", self.cat_facts_10_13()
        w = (w - self.new_share) / (1 - self.new_share)  # the older categories keep their proportions
        if w < 0.22:
            return "json", self.cat_command()
        if w < 0.25:
            return "json", self.cat_non_object()
        if w < 0.35:
            return "json", self.cat_command_envelope()
        if w < 0.39:
            return "json", self.cat_circuit_breaker()
        if w < 0.78:
            return "json", self.cat_domain()
        if w < 0.88:
            return "json", self.cat_envelope_edges()
        if w < 0.94:
            return "json", self.cat_rebalance()
        return "raw", self.raw_line()


def encode(kind: str, obj: Any, g: Gen) -> bytes:
    if kind == "raw":
        return obj.encode("utf-8")
    if g.chance(0.15):
        try:
            return json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates cannot be raw UTF-8
            pass
    return json.dumps(obj).encode("ascii")


def main() -> int:
    ap = argparse.ArgumentParser(description="Generate a JSONL corpus of Lambda events.")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20251014)
    ap.add_argument(
        "--new-share",
        type=float,
        default=NEW_CLASSES_SHARE,
        help=f"share of the facts §10-§13 classes (logging surrogates, 'self' keys, strip sets, nesting depth); "
        f"default {NEW_CLASSES_SHARE}, 1 for nothing else",
    )
    args = ap.parse_args()
    if not 0 <= args.new_share <= 1:
        ap.error("--new-share must be within 0..1")
    g = Gen(args.seed, args.new_share)
    out = sys.stdout.buffer
    # A fixed prologue: the reference test events and the verified cases first.
    prologue: list[Any] = [
        {"mode": "trade", "trading_mode": "paper"},
        {"version": "0", "id": "scheduler-event-123", "detail-type": "Scheduled Event", "source": "aws.scheduler",
         "account": "211125653762", "time": "2025-10-14T14:00:00Z", "region": "us-east-1", "resources": [],
         "detail": {"mode": "trade", "trading_mode": "paper"}},
        {"detail-type": "TestEvent", "source": "alchemiser.test", "detail": {}},
        {"mode": "bot"},
    ]
    n = 0
    for obj in prologue:
        if n >= args.count:
            break
        out.write(json.dumps(obj).encode() + b"\n")
        n += 1
    while n < args.count:
        kind, obj = g.event()
        line = encode(kind, obj, g)
        assert b"\n" not in line
        out.write(line + b"\n")
        n += 1
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
