"""Pydantic models of The Alchemiser 2.27.0, reconstructed from the facts file.

Source of truth: the facts (``docs/behaviour-2.27.md``) §1.2 (LambdaEvent), §3.1-§3.3, §11, §12
(BaseEvent, event classes, nested RebalancePlanned models).  The upstream code was NOT
consulted; everything here is written from those facts.  The models run on the REAL
pydantic 2.12.0 (pydantic-core 2.41.1), so strict-mode behaviour, error codes, locations,
order and messages come from pydantic itself.

Decisions taken where the facts are silent (see scripts/oracle/README.md):

* Field declaration style: ``X | None = Field(default=None, <constraints>)``.  Verified that
  ``Annotated[int, Field(ge=1)] | None`` builds the identical core schema
  (nullable(int ge=1)), so the choice does not change behaviour.
* Object-typed fields are ``dict[str, Any]`` (keys are therefore validated as strict,
  stripped strings: only observable for keys containing lone surrogates, which fail with
  ``string_unicode``).  ``arguments``/``failed_symbols`` are ``list[str]``.
* LambdaEvent field order = the order of the facts table (schema_version first).
* Nested RebalancePlanned models use pydantic's default ``extra="ignore"``.
* ``execution_urgency`` / ``action`` validators are ``mode="after"`` field validators (so a
  non-string input gives ``string_type`` and the validator does not run); their messages
  follow facts §12.
* All RebalancePlanItem fields are required (the facts give no defaults for them).

Facts §11 / §12 (the addendum's root causes C and D):

* ``BaseEvent`` has its own constructor (keyword fields only, a naive ``timestamp`` made
  UTC-aware, then pydantic's).  pydantic-core validates a model with its own constructor by
  calling the class with one keyword argument per input key, so a detail key ``self``
  raises ``TypeError: BaseEvent.__init__() got multiple values for argument 'self'`` before
  any field is validated.  The nested models and ``LambdaEvent`` keep pydantic's constructor.
* The three RebalancePlan validators apply Python ``str.strip()`` (which also strips
  U+001C..U+001F, unlike pydantic's trim) and ``str.upper()``; the allowed names sit in a
  ``set`` upstream, so their order in the message varies per process -- here they are
  rendered in declared order (``{'BUY', 'SELL', 'HOLD'}``), as the Rust side does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# --------------------------------------------------------------------------------------
# §1.2 LambdaEvent
# --------------------------------------------------------------------------------------

PNL_REQUIRES_TYPE_OR_PERIOD = (
    "P&L analysis requires either 'pnl_type' or 'pnl_period' to be specified"
)


class LambdaEvent(BaseModel):
    """Command payload of the Lambda (schema version 1.0)."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )

    schema_version: Literal["1.0"] = Field(default="1.0")
    mode: Literal["trade", "bot"] | None = Field(default=None)
    trading_mode: Literal["paper", "live"] | None = Field(default=None)
    arguments: list[str] | None = Field(default=None)
    action: Literal["pnl_analysis"] | None = Field(default=None)
    month: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    account_id: str | None = Field(default=None)
    pnl_type: Literal["weekly", "monthly"] | None = Field(default=None)
    pnl_periods: int | None = Field(default=None, ge=1)
    pnl_period: str | None = Field(default=None, pattern=r"^\d+[WMA]$")
    pnl_detailed: bool | None = Field(default=None)
    to: str | None = Field(default=None)
    subject: str | None = Field(default=None)
    dry_run: bool | None = Field(default=None)
    correlation_id: str | None = Field(default=None)
    causation_id: str | None = Field(default=None)

    @model_validator(mode="after")
    def _validate_pnl_requirements(self) -> LambdaEvent:
        if self.action == "pnl_analysis" and not self.pnl_type and not self.pnl_period:
            raise ValueError(PNL_REQUIRES_TYPE_OR_PERIOD)
        return self


# --------------------------------------------------------------------------------------
# §3.1 BaseEvent
# --------------------------------------------------------------------------------------

_EVENT_CONFIG = ConfigDict(strict=True, frozen=True, str_strip_whitespace=True)


class BaseEvent(BaseModel):
    """Common envelope of every domain event (extra keys ignored)."""

    model_config = _EVENT_CONFIG

    correlation_id: str = Field(..., min_length=1)
    causation_id: str = Field(..., min_length=1)
    event_id: str = Field(..., min_length=1)
    event_type: str = Field(..., min_length=1)
    timestamp: datetime = Field(...)
    source_module: str = Field(..., min_length=1)
    source_component: str | None = Field(default=None)
    metadata: dict[str, Any] | None = Field(default=None)

    def __init__(self, **data: Any) -> None:
        # facts §11: keyword fields only (a detail key "self" collides with the instance
        # parameter -> TypeError, for all six classes: the constructor belongs to BaseEvent);
        # a naive datetime timestamp becomes UTC-aware (correcting "left naive" of §3.1;
        # invisible in the oracle's output, see README).
        ts = data.get("timestamp")
        if isinstance(ts, datetime) and ts.tzinfo is None:
            data["timestamp"] = ts.replace(tzinfo=UTC)
        super().__init__(**data)


# --------------------------------------------------------------------------------------
# §3.3 nested models of RebalancePlanned
# --------------------------------------------------------------------------------------

_NESTED_CONFIG = ConfigDict(strict=True, frozen=True, str_strip_whitespace=True)

_VALID_URGENCIES = ("LOW", "NORMAL", "HIGH", "URGENT")
_VALID_ACTIONS = ("BUY", "SELL", "HOLD")


def _as_set_text(names: tuple[str, ...]) -> str:
    """str() of the upstream set, in declared order (upstream order varies with the hash seed)."""
    return "{" + ", ".join(repr(n) for n in names) + "}"


class RebalancePlanItem(BaseModel):
    model_config = _NESTED_CONFIG

    symbol: str = Field(..., min_length=1, max_length=10)
    current_weight: Decimal = Field(..., ge=0, le=1)
    target_weight: Decimal = Field(..., ge=0, le=1)
    weight_diff: Decimal = Field(...)
    target_value: Decimal = Field(..., ge=0)
    current_value: Decimal = Field(..., ge=0)
    trade_amount: Decimal = Field(...)
    action: str = Field(...)
    priority: int = Field(..., ge=1, le=5)

    # facts §12: mode "after" (pydantic's strict str check, its trim -- which leaves
    # U+001C..U+001F -- and the 1..10 length run first), then Python's strip() and upper().
    @field_validator("symbol")
    @classmethod
    def _normalize_symbol(cls, v: str) -> str:
        return v.strip().upper()  # never fails ("\u001f" becomes "")

    @field_validator("action")
    @classmethod
    def _validate_action(cls, v: str) -> str:
        normalized = v.strip().upper()
        if normalized not in _VALID_ACTIONS:
            raise ValueError(f"Action must be one of {_as_set_text(_VALID_ACTIONS)}, got {normalized}")
        return normalized


class RebalancePlan(BaseModel):
    model_config = _NESTED_CONFIG

    schema_version: str = Field(default="1.0")
    correlation_id: str = Field(..., min_length=1)
    causation_id: str = Field(..., min_length=1)
    timestamp: datetime = Field(...)
    plan_id: str = Field(..., min_length=1)
    items: list[RebalancePlanItem] = Field(..., min_length=1)
    total_portfolio_value: Decimal = Field(..., ge=0)
    total_trade_value: Decimal = Field(...)
    max_drift_tolerance: Decimal = Field(default=Decimal("0.05"), ge=0, le=1)
    execution_urgency: str = Field(default="NORMAL")
    estimated_duration_minutes: int | None = Field(default=None, ge=1)
    metadata: dict[str, Any] | None = Field(default=None)

    @field_validator("execution_urgency")
    @classmethod
    def _validate_urgency(cls, v: str) -> str:
        # facts §12; the default "NORMAL" is not validated when the key is absent.
        normalized = v.strip().upper()
        if normalized not in _VALID_URGENCIES:
            raise ValueError(f"Urgency must be one of {_as_set_text(_VALID_URGENCIES)}, got {normalized}")
        return normalized


class AllocationComparison(BaseModel):
    model_config = _NESTED_CONFIG

    target_values: dict[str, Decimal] = Field(...)
    current_values: dict[str, Decimal] = Field(...)
    deltas: dict[str, Decimal] = Field(...)


# --------------------------------------------------------------------------------------
# §3.2 event classes (fields: BaseEvent's, then schema_version, then the class's own).
# Redefined fields (event_type, metadata) keep their BaseEvent position in pydantic.
# --------------------------------------------------------------------------------------


class WorkflowStarted(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="WorkflowStarted")
    workflow_type: str = Field(...)
    requested_by: str = Field(...)
    configuration: dict[str, Any] = Field(default_factory=dict)


class SignalGenerated(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="SignalGenerated")
    signals_data: dict[str, Any] = Field(...)
    consolidated_portfolio: dict[str, Any] = Field(...)
    signal_count: int = Field(...)
    metadata: dict[str, Any] = Field(default_factory=dict)


class RebalancePlanned(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="RebalancePlanned")
    rebalance_plan: RebalancePlan = Field(...)
    allocation_comparison: AllocationComparison = Field(...)
    trades_required: bool = Field(...)
    metadata: dict[str, Any] = Field(default_factory=dict)


class TradeExecuted(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="TradeExecuted")
    execution_data: dict[str, Any] = Field(...)
    success: bool = Field(...)
    orders_placed: int = Field(...)
    orders_succeeded: int = Field(...)
    metadata: dict[str, Any] = Field(default_factory=dict)
    failure_reason: str | None = Field(default=None)
    failed_symbols: list[str] = Field(default_factory=list)


class WorkflowCompleted(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="WorkflowCompleted")
    workflow_type: str = Field(...)
    workflow_duration_ms: int = Field(...)
    success: bool = Field(...)
    summary: dict[str, Any] = Field(default_factory=dict)


class WorkflowFailed(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="WorkflowFailed")
    workflow_type: str = Field(...)
    failure_reason: str = Field(...)
    failure_step: str = Field(...)
    error_details: dict[str, Any] = Field(default_factory=dict)


# Defined upstream but never validated on the routing path (not in the class map).


class ErrorNotificationRequested(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="ErrorNotificationRequested")
    error_severity: str = Field(...)
    error_priority: str = Field(...)
    error_title: str = Field(...)
    error_report: str = Field(...)
    error_code: str | None = Field(default=None)
    recipient_override: str | None = Field(default=None)


class StartupEvent(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="StartupEvent")
    startup_mode: str = Field(...)
    configuration: dict[str, Any] | None = Field(default=None)


class TradingNotificationRequested(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="TradingNotificationRequested")
    trading_success: bool = Field(...)
    trading_mode: str = Field(...)
    orders_placed: int = Field(...)
    orders_succeeded: int = Field(...)
    total_trade_value: Decimal = Field(...)
    execution_data: dict[str, Any] = Field(...)
    error_message: str | None = Field(default=None)
    error_code: str | None = Field(default=None)
    recipient_override: str | None = Field(default=None)


class SystemNotificationRequested(BaseEvent):
    schema_version: str = Field(default="1.0")
    event_type: str = Field(default="SystemNotificationRequested")
    notification_type: str = Field(...)
    subject: str = Field(...)
    html_content: str = Field(...)
    text_content: str | None = Field(default=None)
    recipient_override: str | None = Field(default=None)


# §2.2: eventbridge_handler's class map (detail-type -> class).
EVENT_CLASS_MAP: dict[str, type[BaseEvent]] = {
    "WorkflowStarted": WorkflowStarted,
    "SignalGenerated": SignalGenerated,
    "RebalancePlanned": RebalancePlanned,
    "TradeExecuted": TradeExecuted,
    "WorkflowCompleted": WorkflowCompleted,
    "WorkflowFailed": WorkflowFailed,
}
