//! The bus read from our reconstruction of the 2.27.0 `template.yaml` is the embedded
//! default bus, for both stages; variants cover states, skipped rules and errors.

use alchemiser::bus::template::{TemplateError, from_template};
use alchemiser::bus::{Bus, RuleState, default_bus};
use alchemiser::json::parse_python_json;
use alchemiser::routing::Stage;

const TEMPLATE: &str = include_str!("data/templates/alchemiser-2.27.yaml");

fn read(text: &str, stage: Stage) -> Bus {
    from_template(text, stage, "test").expect("template should read")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {text}: {e}"))
}

/// The template with one exact piece of text replaced, checked to be present.
fn variant(from: &str, to: &str) -> String {
    assert!(TEMPLATE.contains(from), "template lacks {from:?}");
    TEMPLATE.replacen(from, to, 1)
}

fn assert_same_bus(read: &Bus, expected: &Bus) {
    assert_eq!(read.name, expected.name);
    assert_eq!(read.function_name, expected.function_name);
    assert_eq!(read.rules().len(), expected.rules().len());
    for (rule, want) in read.rules().iter().zip(expected.rules()) {
        assert_eq!(rule.name, want.name);
        assert_eq!(rule.state, want.state, "{}", rule.name);
        assert_eq!(json(&rule.pattern_text), json(&want.pattern_text), "{}", rule.name);
        let targets = |bus_rule: &alchemiser::bus::Rule| {
            bus_rule.targets.iter().map(|t| (t.id.clone(), t.is_function)).collect::<Vec<_>>()
        };
        assert_eq!(targets(rule), targets(want), "{}", rule.name);
    }
    let archive = read.archive().expect("archive");
    let want = expected.archive().expect("default archive");
    assert_eq!((&archive.name, archive.retention_days), (&want.name, want.retention_days));
    assert_eq!(archive.pattern.is_some(), want.pattern.is_some());
}

#[test]
fn dev_template_is_the_default_bus() {
    let bus = read(TEMPLATE, Stage::Dev);
    assert_same_bus(&bus, &default_bus(Stage::Dev));
    assert_eq!(bus.origin, "test");
    assert_eq!(
        bus.rules()[0].targets[0].arn,
        "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:the-alchemiser-v2-lambda-dev"
    );
}

#[test]
fn prod_template_is_the_default_bus() {
    assert_same_bus(&read(TEMPLATE, Stage::Prod), &default_bus(Stage::Prod));
}

#[test]
fn template_bus_routes_like_the_default() {
    let bus = read(TEMPLATE, Stage::Dev);
    let default = default_bus(Stage::Dev);
    for event in [
        r#"{"source":"alchemiser.strategy","detail-type":"SignalGenerated","detail":{}}"#,
        r#"{"source":"alchemiser.portfolio","detail-type":"RebalancePlanned","detail":{}}"#,
        r#"{"source":"alchemiser.execution","detail-type":"TradeExecuted","detail":{}}"#,
        r#"{"source":"alchemiser.strategy_v2","detail-type":"SignalGenerated","detail":{}}"#,
        r#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{}}"#,
    ] {
        let event = parse_python_json(event).expect("event").value;
        // Target ARNs differ (the default bus has no ARNs), so compare the decisions.
        let decisions = |bus: &Bus| {
            let prediction = bus.route(&event);
            let matched: Vec<(String, bool)> =
                prediction.rules.into_iter().map(|r| (r.name.to_string(), r.matched)).collect();
            (matched, prediction.archived, prediction.lambda_invocations)
        };
        assert_eq!(decisions(&bus), decisions(&default));
    }
}

#[test]
fn json_string_patterns_are_stored_compact() {
    let bus = read(TEMPLATE, Stage::Dev);
    assert_eq!(
        bus.rules()[1].pattern_text,
        r#"{"source":["alchemiser.portfolio"],"detail-type":["RebalancePlanned"]}"#
    );
    assert_eq!(bus.rules()[3].pattern_text, r#"{"source":[{"prefix":"alchemiser."}]}"#);
}

#[test]
fn a_disabled_rule_stays_in_the_bus() {
    let text = variant("State: ENABLED\n      EventPattern: '{", "State: DISABLED\n      EventPattern: '{");
    let bus = read(&text, Stage::Prod);
    let states: Vec<RuleState> = bus.rules().iter().map(|r| r.state).collect();
    use RuleState::{Disabled, Enabled};
    assert_eq!(states, [Enabled, Disabled, Enabled, Enabled]);
    let event = r#"{"source":"alchemiser.portfolio","detail-type":"RebalancePlanned","detail":{}}"#;
    let prediction = bus.route(&parse_python_json(event).expect("event").value);
    let disabled: Vec<&str> =
        prediction.rules.iter().filter(|r| r.matched && r.state == Disabled).map(|r| &*r.name).collect();
    assert_eq!(disabled, ["alchemiser-rebalance-planned-prod"]);
    assert_eq!(prediction.lambda_invocations, 1);
}

#[test]
fn a_stage_the_template_does_not_allow_is_an_error() {
    let text = variant("AllowedValues: [dev, prod]", "AllowedValues: [dev]");
    let error = from_template(&text, Stage::Prod, "test").expect_err("prod is not allowed");
    assert!(error.to_string().contains("parameter Stage does not allow prod"), "{error}");
}

#[test]
fn a_json_template_with_long_forms_reads() {
    let text = r#"{
      "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
      "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
      "Resources": {
        "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": {"Fn::Sub": "bus-${Stage}"}}},
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Fn::Join": ["-", ["fn", {"Ref": "Stage"}]]}}},
        "Rule": {
          "Type": "AWS::Events::Rule",
          "Properties": {
            "EventBusName": {"Fn::GetAtt": ["Bus", "Arn"]},
            "State": {"Fn::If": ["IsProd", "ENABLED", "DISABLED"]},
            "EventPattern": {"source": ["a"], "detail": {"n": [{"numeric": [">", 1.5]}]}},
            "Targets": [{"Id": "T", "Arn": {"Fn::GetAtt": "Fn.Arn"}}]
          }
        }
      }
    }"#;
    let bus = read(text, Stage::Prod);
    assert_eq!(bus.name, "bus-prod");
    assert_eq!(bus.function_name, "fn-prod");
    assert_eq!(bus.rules()[0].state, RuleState::Enabled);
    assert_eq!(&*bus.rules()[0].name, "${AWS::StackName}-Rule-*");
    assert_eq!(bus.rules()[0].pattern_text, r#"{"source":["a"],"detail":{"n":[{"numeric":[">",1.5]}]}}"#);
    assert!(bus.rules()[0].targets[0].is_function);
    assert!(bus.archive().is_none());
    assert_eq!(read(text, Stage::Dev).rules()[0].state, RuleState::Disabled);
}

#[test]
fn schedule_rules_are_skipped_and_rules_without_a_bus_are_on_default() {
    let text = r#"
Resources:
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets: [{Id: T, Arn: arn:aws:sqs:us-east-1:1:q}]
  Watch:
    Type: AWS::Events::Rule
    Properties:
      Name: watch
      EventPattern: {source: [aws.s3]}
      Targets: [{Id: Q, Arn: arn:aws:sqs:us-east-1:1:q}]
"#;
    let bus = read(text, Stage::Dev);
    assert_eq!(bus.name, "default");
    assert_eq!(bus.rules().len(), 1);
    assert_eq!(&*bus.rules()[0].name, "watch");
    assert!(!bus.rules()[0].targets[0].is_function);
    assert_eq!(bus.function_name, "");
}

#[test]
fn bad_yaml_reports_its_position() {
    let text = "Resources:\n  Rule:\n    Type: [AWS::Events::Rule\n    Properties: {}\n";
    let error = from_template(text, Stage::Dev, "test").expect_err("bad YAML");
    let TemplateError::Syntax { line, column, .. } = &error else { panic!("not a syntax error: {error}") };
    assert!(line.is_some() && column.is_some(), "{error:?}");
    let message = error.to_string();
    assert!(message.starts_with("template is not valid YAML: ") && message.contains("line"), "{message}");
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn an_invalid_pattern_names_the_rule() {
    let text = variant("          - SignalGenerated\n", "          - {bogus: 1}\n");
    let error = from_template(&text, Stage::Dev, "test").expect_err("invalid pattern");
    let TemplateError::Pattern { resource, error: bus_error } = &error else { panic!("not a pattern error: {error}") };
    assert_eq!(resource, "SignalGeneratedRule");
    assert_eq!(bus_error.rule, "alchemiser-signal-generated-dev");
    let message = error.to_string();
    assert!(
        message.contains("SignalGeneratedRule") && message.contains("alchemiser-signal-generated-dev"),
        "{message}"
    );
}

#[test]
fn a_pattern_that_is_not_json_names_the_rule() {
    let text = variant(r#"'{"source": ["alchemiser.portfolio"]"#, r#"'{"source": ["alchemiser.portfolio"]]"#);
    let error = from_template(&text, Stage::Dev, "test").expect_err("not JSON");
    let message = error.to_string();
    assert!(message.contains("RebalancePlannedRule") && message.contains("pattern is not JSON"), "{message}");
}

#[test]
fn a_template_without_rules_is_an_error() {
    let text = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: q}\n";
    let error = from_template(text, Stage::Dev, "test").expect_err("no rules");
    assert_eq!(error, TemplateError::NoRules);
    assert_eq!(error.to_string(), "no AWS::Events::Rule with an EventPattern in template");
}

#[test]
fn a_document_that_is_not_a_template_is_an_error() {
    for text in ["", "- a\n- b\n", "Resources: 3\n"] {
        let error = from_template(text, Stage::Dev, "test").expect_err("not a template");
        assert!(matches!(error, TemplateError::NotTemplate(_) | TemplateError::Syntax { .. }), "{text:?}: {error}");
    }
}

#[test]
fn an_unknown_intrinsic_names_the_resource_and_property() {
    let text = variant("Name: !Sub alchemiser-signal-generated-${Stage}", "Name: !ImportValue shared-rule-name");
    let error = from_template(&text, Stage::Dev, "test").expect_err("unsupported");
    assert_eq!(
        error.to_string(),
        "resource SignalGeneratedRule, property Name: Fn::ImportValue cannot be resolved offline"
    );
}

#[test]
fn an_imported_target_arn_is_kept_as_text() {
    let text = variant(
        "        - Id: PortfolioHandler\n          Arn: !GetAtt TradingSystemFunction.Arn",
        "        - Id: PortfolioHandler\n          Arn: !ImportValue shared-handler-arn",
    );
    let bus = read(&text, Stage::Dev);
    let target = &bus.rules()[0].targets[0];
    assert_eq!(target.arn, r#"{"Fn::ImportValue":"shared-handler-arn"}"#);
    assert!(!target.is_function);
    assert_eq!(bus.function_name, "the-alchemiser-v2-lambda-dev");
}
