//! A [`Bus`] read from a SAM/CloudFormation template (YAML or JSON) for one stage.
//!
//! Only what the bus needs is resolved: each `AWS::Events::Rule` (name, state, pattern,
//! targets), its `EventBusName`, the `AWS::Events::Archive` and the names of the resources
//! these refer to. Other resources (alarms, policies, schedules) are never evaluated, so
//! whatever intrinsics they use cannot fail the read.
//!
//! # Intrinsics
//!
//! Short tags (`!Sub`) and long forms (`Fn::Sub`) alike:
//!
//! - `Ref`: the parameter `Stage` is the `stage` argument (an error if its `AllowedValues`
//!   exclude it); any other parameter is its `Default` (list types split on commas); a
//!   resource is its physical name (below). Pseudo parameters: `AWS::Partition` is `aws`,
//!   `AWS::URLSuffix` is `amazonaws.com`, `AWS::NoValue` removes the value; `AWS::Region`,
//!   `AWS::AccountId`, `AWS::StackName`, `AWS::StackId` and `AWS::NotificationARNs` are not
//!   known offline and stay as the placeholder text `${AWS::Region}` etc.
//! - `Fn::Sub` (string and `[template, {vars}]` forms, `${!Literal}` escapes), `Fn::If` with
//!   `Conditions` (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`), `Fn::Join`,
//!   `Fn::Select`, `Fn::Split`, `Fn::FindInMap`.
//! - `Fn::GetAtt`: `Arn` becomes the ARN the resource type has, with the region and account
//!   placeholders (`arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:<name>`); `Name`
//!   (and a type's own name attribute such as `QueueName`) is the physical name; any other
//!   attribute stays as the placeholder `${Logical.Attribute}`. A resource type with no known
//!   ARN shape gets `${Logical.Arn}`.
//! - Anything else (`Fn::ImportValue`, `Fn::GetAZs`, …) is an error naming the resource and
//!   property, except in a target's `Arn`, which only labels the target: there the raw
//!   intrinsic is kept as JSON text (`{"Fn::ImportValue":"x"}`) and the target is not the
//!   function.
//!
//! # Names
//!
//! A resource's physical name is its type's name property (`Name`, `FunctionName`,
//! `ArchiveName`, `QueueName`, …). Without one CloudFormation generates
//! `<stack>-<LogicalId>-<random suffix>`, written here as `${AWS::StackName}-<LogicalId>-*`.
//!
//! # The bus
//!
//! A rule's bus is its `EventBusName` (a name or an ARN, whose `event-bus/` suffix is the
//! name); without one it is `default`, and so is the returned bus name. The bus with the
//! most rules wins (ties: the first rule's); rules on other buses cannot see its events and
//! are left out, as are rules without an `EventPattern` (schedules) and resources whose
//! `Condition` is false. The archive is the first whose `SourceArn` is that bus. A target
//! is the function when its `Arn` refers (by `Ref`, `Fn::GetAtt` or a `Fn::Sub` variable)
//! to an `AWS::Serverless::Function` or `AWS::Lambda::Function` of the template; the bus's
//! `function_name` is the first such function's name (empty when no rule targets one).
//! SAM `Globals` and functions' `Events` (SAM-generated rules) are not read.

use std::collections::HashMap;
use std::fmt;

use yaml_serde::value::Tag;
use yaml_serde::{Mapping, Value as Yaml};

use super::{Archive, Bus, BusError, Rule, RuleState, Target, compile_pattern};
use crate::json::write::write_value;
use crate::json::{Int, Object, PyStr, Value, parse_python_json};
use crate::routing::Stage;

/// Why a template could not be read as a bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// Not YAML (or JSON); yaml_serde's message, which names the position, and the
    /// 1-based position when it has one.
    Syntax { message: String, line: Option<usize>, column: Option<usize> },
    /// YAML, but not shaped like a template.
    NotTemplate(String),
    /// No rule with an event pattern (or no rule at all).
    NoRules,
    /// A property of a resource could not be resolved or has the wrong shape.
    Property { resource: String, property: String, message: String },
    /// An event pattern of a resource (logical id) did not compile.
    Pattern { resource: String, error: BusError },
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Syntax { message, .. } => write!(f, "template is not valid YAML: {message}"),
            TemplateError::NotTemplate(message) => write!(f, "not a CloudFormation template: {message}"),
            TemplateError::NoRules => f.write_str("no AWS::Events::Rule with an EventPattern in template"),
            TemplateError::Property { resource, property, message } => {
                write!(f, "resource {resource}, property {property}: {message}")
            }
            TemplateError::Pattern { resource, error } => write!(f, "resource {resource}: {error}"),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Reads the rules, targets and archive of the bus the template's rules attach to (see the
/// module documentation for what is resolved and how).
pub fn from_template(text: &str, stage: Stage, origin: &str) -> Result<Bus, TemplateError> {
    let doc: Yaml = yaml_serde::from_str(text).map_err(|e| {
        let location = e.location();
        TemplateError::Syntax {
            message: e.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })?;
    let mut template = Template::new(&doc, stage)?;

    let mut found = Vec::new();
    for id in template.ids_of("AWS::Events::Rule") {
        if template.exists(id)?
            && let Some(rule) = template.rule(id)?
        {
            found.push(rule);
        }
    }
    let bus = busiest(found.iter().map(|r| r.bus.as_str())).ok_or(TemplateError::NoRules)?.to_string();
    found.retain(|r| r.bus == bus);
    let function_name = found.iter().find_map(|r| r.function.clone()).unwrap_or_default();

    let mut archive = None;
    for id in template.ids_of("AWS::Events::Archive") {
        if template.exists(id)? {
            archive = template.archive(id, &bus)?;
            if archive.is_some() {
                break;
            }
        }
    }
    Ok(Bus::new(bus, function_name, found.into_iter().map(|r| r.rule).collect(), archive, origin.to_string()))
}

/// The most frequent bus name; ties go to the one seen first.
fn busiest<'b>(buses: impl Iterator<Item = &'b str>) -> Option<&'b str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for bus in buses {
        match counts.iter_mut().find(|(b, _)| *b == bus) {
            Some(entry) => entry.1 += 1,
            None => counts.push((bus, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (bus, count) in counts {
        if best.is_none_or(|(_, n)| count > n) {
            best = Some((bus, count));
        }
    }
    best.map(|(bus, _)| bus)
}

/// A rule read from the template, with the bus it is on and the function it targets.
struct FoundRule {
    bus: String,
    rule: Rule,
    function: Option<String>,
}

/// Why a value could not be resolved.
struct Fail {
    message: String,
    /// An intrinsic this reader does not evaluate (as opposed to a broken template).
    unsupported: bool,
}

impl Fail {
    fn new(message: impl Into<String>) -> Fail {
        Fail { message: message.into(), unsupported: false }
    }

    fn unsupported(function: &str) -> Fail {
        Fail { message: format!("{function} cannot be resolved offline"), unsupported: true }
    }

    /// Adds where in another resource or condition the failure happened. The failure is no
    /// longer the value's own intrinsic, so a target `Arn` does not fall back to text for it.
    fn within(self, place: &str) -> Fail {
        Fail::new(format!("{place}: {}", self.message))
    }
}

/// Intrinsics nested deeper than this (including chains of references between resources
/// and conditions) are refused: reference cycles end here instead of overflowing the stack.
const MAX_DEPTH: u32 = 200;

fn deeper(depth: u32) -> Result<u32, Fail> {
    if depth >= MAX_DEPTH {
        return Err(Fail::new("intrinsics nest too deeply (a reference cycle?)"));
    }
    Ok(depth + 1)
}

/// The resource types that count as the system's function.
const FUNCTION_TYPES: [&str; 2] = ["AWS::Serverless::Function", "AWS::Lambda::Function"];

/// Each resource type's name property (and `Fn::GetAtt` attribute of the same meaning).
fn name_property(resource_type: &str) -> &'static str {
    match resource_type {
        "AWS::Serverless::Function" | "AWS::Lambda::Function" => "FunctionName",
        "AWS::Events::Archive" => "ArchiveName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable" => "TableName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => "PolicyName",
        "AWS::CloudWatch::Alarm" => "AlarmName",
        "AWS::Serverless::LayerVersion" | "AWS::Lambda::LayerVersion" => "LayerName",
        _ => "Name",
    }
}

/// A pseudo parameter's value: `Some(None)` is `AWS::NoValue`; `None` if not a pseudo one.
fn pseudo(name: &str) -> Option<Option<Yaml>> {
    let text = match name {
        "AWS::NoValue" => return Some(None),
        "AWS::Partition" => "aws".to_string(),
        "AWS::URLSuffix" => "amazonaws.com".to_string(),
        "AWS::Region" | "AWS::AccountId" | "AWS::StackName" | "AWS::StackId" | "AWS::NotificationARNs" => {
            format!("${{{name}}}")
        }
        _ => return None,
    };
    Some(Some(Yaml::String(text)))
}

/// The intrinsic function a value calls, as its long name and argument: a tag (`!Sub x`)
/// or a one-key mapping (`{"Fn::Sub": x}`, `{"Ref": x}`).
fn intrinsic(value: &Yaml) -> Option<(String, &Yaml)> {
    match value {
        Yaml::Tagged(tagged) => Some((long_name(&tagged.tag), &tagged.value)),
        Yaml::Mapping(map) if map.len() == 1 => {
            let (key, arg) = map.iter().next()?;
            let key = key.as_str()?;
            (key == "Ref" || key.starts_with("Fn::")).then(|| (key.to_string(), arg))
        }
        _ => None,
    }
}

/// The long name of a short-form tag: `!Sub` is `Fn::Sub`, `!Ref` stays `Ref`.
fn long_name(tag: &Tag) -> String {
    let tag = tag.to_string();
    let bare = tag.strip_prefix('!').unwrap_or(&tag);
    if bare == "Ref" || bare == "Condition" { bare.to_string() } else { format!("Fn::{bare}") }
}

/// A scalar as CloudFormation turns it into text.
fn text(value: &Yaml) -> Result<String, Fail> {
    match value {
        Yaml::String(s) => Ok(s.clone()),
        Yaml::Number(n) => Ok(n.to_string()),
        Yaml::Bool(b) => Ok(b.to_string()),
        Yaml::Null => Err(Fail::new("expected text, found null")),
        Yaml::Sequence(_) => Err(Fail::new("expected text, found a list")),
        Yaml::Mapping(_) | Yaml::Tagged(_) => Err(Fail::new("expected text, found a mapping")),
    }
}

/// The `N` arguments of a list-taking intrinsic.
fn arguments<'v, const N: usize>(arg: &'v Yaml, function: &str) -> Result<&'v [Yaml; N], Fail> {
    arg.as_sequence()
        .and_then(|items| <&[Yaml; N]>::try_from(items.as_slice()).ok())
        .ok_or_else(|| Fail::new(format!("{function} takes a list of {N}")))
}

/// A name from a bus name or ARN (`arn:…:event-bus/<name>`).
fn bus_name(text: &str) -> &str {
    text.rsplit_once("event-bus/").map_or(text, |(_, name)| name)
}

/// A YAML value as JSON: tags become their long intrinsic form, scalar keys become text.
fn to_json(value: &Yaml) -> Result<Value, String> {
    Ok(match value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Value::Int(Int::Small(i)),
            (None, Some(u), _) => Value::Int(Int::Big(u.to_string().into())),
            (None, None, Some(f)) if f.is_finite() => Value::Float(f),
            _ => return Err(format!("{n} is not a JSON number")),
        },
        Yaml::String(s) => Value::str(s),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Yaml::Mapping(map) => {
            let mut object = Object::new();
            for (key, item) in map {
                let key = text(key).map_err(|_| "a mapping key is not text".to_string())?;
                object.insert(PyStr::new(key), to_json(item)?);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => {
            Value::Object(Object::from_unique(vec![(PyStr::new(long_name(&tagged.tag)), to_json(&tagged.value)?)]))
        }
    })
}

fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// The template's sections and what has been worked out from them.
struct Template<'a> {
    stage: Stage,
    parameters: Option<&'a Mapping>,
    conditions: Option<&'a Mapping>,
    mappings: Option<&'a Mapping>,
    resources: &'a Mapping,
    /// Physical names by logical id, so shared references are resolved once.
    names: HashMap<String, String>,
    /// Condition values by name.
    truths: HashMap<String, bool>,
}

impl<'a> Template<'a> {
    fn new(doc: &'a Yaml, stage: Stage) -> Result<Template<'a>, TemplateError> {
        let doc = doc.as_mapping().ok_or_else(|| TemplateError::NotTemplate("the document is not a mapping".into()))?;
        let resources = doc
            .get("Resources")
            .and_then(Yaml::as_mapping)
            .ok_or_else(|| TemplateError::NotTemplate("no Resources mapping".into()))?;
        let section = |name: &str| doc.get(name).and_then(Yaml::as_mapping);
        Ok(Template {
            stage,
            parameters: section("Parameters"),
            conditions: section("Conditions"),
            mappings: section("Mappings"),
            resources,
            names: HashMap::new(),
            truths: HashMap::new(),
        })
    }

    /// Logical ids of the resources of this type, in template order.
    fn ids_of(&self, resource_type: &str) -> Vec<&'a str> {
        self.resources
            .iter()
            .filter(|(_, resource)| resource.get("Type").and_then(Yaml::as_str) == Some(resource_type))
            .filter_map(|(id, _)| id.as_str())
            .collect()
    }

    fn type_of(&self, id: &str) -> Option<&'a str> {
        self.resources.get(id)?.get("Type")?.as_str()
    }

    fn properties(&self, id: &str) -> Option<&'a Mapping> {
        self.resources.get(id)?.get("Properties")?.as_mapping()
    }

    fn property(&self, id: &str, name: &str) -> Option<&'a Yaml> {
        self.properties(id)?.get(name)
    }

    /// Whether the resource is created: its `Condition`, if any, holds.
    fn exists(&mut self, id: &str) -> Result<bool, TemplateError> {
        let Some(condition) = self.resources.get(id).and_then(|r| r.get("Condition")) else {
            return Ok(true);
        };
        let at = |fail: Fail| TemplateError::Property {
            resource: id.to_string(),
            property: "Condition".into(),
            message: fail.message,
        };
        let name = condition.as_str().ok_or_else(|| at(Fail::new("expected a condition name")))?;
        self.truth(name, 0).map_err(at)
    }

    /// Resolves one property of a resource, naming both on failure.
    fn resolve_at(
        &mut self,
        id: &str,
        property: &str,
        value: &Yaml,
        refs: &mut Vec<String>,
    ) -> Result<Option<Yaml>, TemplateError> {
        self.resolve(value, 0, refs).map_err(|fail| TemplateError::Property {
            resource: id.to_string(),
            property: property.to_string(),
            message: fail.message,
        })
    }

    /// Like [`Self::resolve_at`], for a property that must be text.
    fn text_at(&mut self, id: &str, property: &str, value: &Yaml) -> Result<Option<String>, TemplateError> {
        match self.resolve_at(id, property, value, &mut Vec::new())? {
            None => Ok(None),
            Some(v) => text(&v).map(Some).map_err(|fail| TemplateError::Property {
                resource: id.to_string(),
                property: property.to_string(),
                message: fail.message,
            }),
        }
    }

    /// The value with every intrinsic evaluated; `None` is `AWS::NoValue`. Logical ids of
    /// the resources it refers to are added to `refs`.
    fn resolve(&mut self, value: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<Option<Yaml>, Fail> {
        let depth = deeper(depth)?;
        if let Some((function, arg)) = intrinsic(value) {
            return self.call(&function, arg, depth, refs);
        }
        Ok(Some(match value {
            Yaml::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.extend(self.resolve(item, depth, refs)?);
                }
                Yaml::Sequence(out)
            }
            Yaml::Mapping(map) => {
                let mut out = Mapping::with_capacity(map.len());
                for (key, item) in map {
                    if let Some(item) = self.resolve(item, depth, refs)? {
                        out.insert(key.clone(), item);
                    }
                }
                Yaml::Mapping(out)
            }
            other => other.clone(),
        }))
    }

    /// Resolves a value that must be text.
    fn resolve_text(&mut self, value: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<String, Fail> {
        match self.resolve(value, depth, refs)? {
            Some(v) => text(&v),
            None => Err(Fail::new("AWS::NoValue where text is needed")),
        }
    }

    fn call(&mut self, function: &str, arg: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<Option<Yaml>, Fail> {
        let string = |s: String| Ok(Some(Yaml::String(s)));
        match function {
            "Ref" => {
                let name = arg.as_str().ok_or_else(|| Fail::new("Ref takes a logical id or parameter name"))?;
                self.reference(name, depth, refs)
            }
            "Fn::Sub" => string(self.sub(arg, depth, refs)?),
            "Fn::GetAtt" => string(self.get_att(arg, depth, refs)?),
            "Fn::If" => {
                let [condition, then, otherwise] = arguments::<3>(arg, function)?;
                let name = condition.as_str().ok_or_else(|| Fail::new("Fn::If needs a condition name first"))?;
                let chosen = if self.truth(name, depth)? { then } else { otherwise };
                self.resolve(chosen, depth, refs)
            }
            "Fn::Join" => {
                let [delimiter, items] = arguments::<2>(arg, function)?;
                let delimiter = self.resolve_text(delimiter, depth, refs)?;
                let items = self.resolve_list(items, depth, refs)?;
                let texts = items.iter().map(text).collect::<Result<Vec<_>, _>>()?;
                string(texts.join(&delimiter))
            }
            "Fn::Select" => {
                let [index, items] = arguments::<2>(arg, function)?;
                let index = self.resolve_text(index, depth, refs)?;
                let items = self.resolve_list(items, depth, refs)?;
                let chosen = index.parse::<usize>().ok().and_then(|i| items.get(i));
                let chosen = chosen.ok_or_else(|| Fail::new(format!("Fn::Select index {index} is out of range")))?;
                Ok(Some(chosen.clone()))
            }
            "Fn::Split" => {
                let [delimiter, source] = arguments::<2>(arg, function)?;
                let delimiter = self.resolve_text(delimiter, depth, refs)?;
                if delimiter.is_empty() {
                    return Err(Fail::new("Fn::Split needs a non-empty delimiter"));
                }
                let source = self.resolve_text(source, depth, refs)?;
                Ok(Some(Yaml::Sequence(source.split(&delimiter).map(|s| Yaml::String(s.to_string())).collect())))
            }
            "Fn::FindInMap" => {
                let [map, top, second] = arguments::<3>(arg, function)?;
                let map = self.resolve_text(map, depth, refs)?;
                let top = self.resolve_text(top, depth, refs)?;
                let second = self.resolve_text(second, depth, refs)?;
                let mappings = self.mappings;
                let found = mappings.and_then(|m| m.get(map.as_str())?.get(top.as_str())?.get(second.as_str()));
                let found = found.ok_or_else(|| Fail::new(format!("Fn::FindInMap finds no {map}.{top}.{second}")))?;
                self.resolve(found, depth, refs)
            }
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => {
                Ok(Some(Yaml::Bool(self.condition_call(function, arg, depth)?)))
            }
            other => Err(Fail::unsupported(other)),
        }
    }

    /// A value that must resolve to a list.
    fn resolve_list(&mut self, value: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<Vec<Yaml>, Fail> {
        match self.resolve(value, depth, refs)? {
            Some(Yaml::Sequence(items)) => Ok(items),
            _ => Err(Fail::new("expected a list")),
        }
    }

    /// `Ref`: a pseudo parameter, a parameter or a resource's physical name.
    fn reference(&mut self, name: &str, depth: u32, refs: &mut Vec<String>) -> Result<Option<Yaml>, Fail> {
        if let Some(value) = pseudo(name) {
            return Ok(value);
        }
        if let Some(value) = self.parameter(name)? {
            return Ok(Some(value));
        }
        if self.type_of(name).is_some() {
            refs.push(name.to_string());
            return Ok(Some(Yaml::String(self.name_of(name, depth)?)));
        }
        Err(Fail::new(format!("Ref to {name}, which is neither a parameter nor a resource")))
    }

    /// A parameter's value: `Stage` is the stage asked for, others their `Default`.
    fn parameter(&self, name: &str) -> Result<Option<Yaml>, Fail> {
        let Some(declaration) = self.parameters.and_then(|p| p.get(name)) else {
            return Ok(None);
        };
        if name == "Stage" {
            let stage = self.stage.as_str();
            let allowed = declaration.get("AllowedValues").and_then(Yaml::as_sequence);
            if allowed.is_some_and(|values| !values.iter().any(|v| v.as_str() == Some(stage))) {
                return Err(Fail::new(format!("parameter Stage does not allow {stage}")));
            }
            return Ok(Some(Yaml::String(stage.to_string())));
        }
        let default = declaration
            .get("Default")
            .ok_or_else(|| Fail::new(format!("parameter {name} has no Default to stand for its value")))?;
        let kind = declaration.get("Type").and_then(Yaml::as_str).unwrap_or_default();
        if kind == "CommaDelimitedList" || kind.starts_with("List<") {
            let items = text(default)?.split(',').map(|s| Yaml::String(s.trim().to_string())).collect();
            return Ok(Some(Yaml::Sequence(items)));
        }
        Ok(Some(default.clone()))
    }

    /// The resource's name property, or CloudFormation's generated-name pattern.
    fn physical_name(&mut self, id: &str, depth: u32) -> Result<String, Fail> {
        if let Some(name) = self.names.get(id) {
            return Ok(name.clone());
        }
        let depth = deeper(depth)?;
        let property = name_property(self.type_of(id).unwrap_or_default());
        let name = match self.property(id, property) {
            None => None,
            Some(value) => self.resolve(value, depth, &mut Vec::new())?.as_ref().map(text).transpose()?,
        };
        let name = name.unwrap_or_else(|| format!("${{AWS::StackName}}-{id}-*"));
        self.names.insert(id.to_string(), name.clone());
        Ok(name)
    }

    /// [`Self::physical_name`] of a resource referred to from elsewhere: failures say where.
    fn name_of(&mut self, id: &str, depth: u32) -> Result<String, Fail> {
        let property = name_property(self.type_of(id).unwrap_or_default());
        self.physical_name(id, depth).map_err(|fail| fail.within(&format!("{id}.{property}")))
    }

    /// `Fn::GetAtt` in its `"X.Attr"` and `[X, Attr]` forms.
    fn get_att(&mut self, arg: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<String, Fail> {
        let (id, attribute) = match arg {
            Yaml::String(s) => {
                let (id, attribute) =
                    s.split_once('.').ok_or_else(|| Fail::new("Fn::GetAtt needs Logical.Attribute"))?;
                (id.to_string(), attribute.to_string())
            }
            other => {
                let [id, attribute] = arguments::<2>(other, "Fn::GetAtt")?;
                let id = id.as_str().ok_or_else(|| Fail::new("Fn::GetAtt needs a logical id first"))?;
                (id.to_string(), self.resolve_text(attribute, depth, refs)?)
            }
        };
        self.attribute(&id, &attribute, depth, refs)
    }

    /// A resource's attribute: its ARN, its name, or a placeholder.
    fn attribute(&mut self, id: &str, attribute: &str, depth: u32, refs: &mut Vec<String>) -> Result<String, Fail> {
        let resource_type =
            self.type_of(id).ok_or_else(|| Fail::new(format!("Fn::GetAtt of {id}, which is not a resource")))?;
        refs.push(id.to_string());
        if attribute == "Name" || attribute == name_property(resource_type) {
            return self.name_of(id, depth);
        }
        let placeholder = format!("${{{id}.{attribute}}}");
        if attribute != "Arn" {
            return Ok(placeholder);
        }
        let place = "${AWS::Region}:${AWS::AccountId}";
        let (prefix, suffix) = match resource_type {
            "AWS::Serverless::Function" | "AWS::Lambda::Function" => (format!("arn:aws:lambda:{place}:function:"), ""),
            "AWS::Events::EventBus" => (format!("arn:aws:events:{place}:event-bus/"), ""),
            "AWS::Events::Archive" => (format!("arn:aws:events:{place}:archive/"), ""),
            "AWS::Events::Rule" => {
                let bus = self.rule_bus(id, depth).map_err(|f| f.within(&format!("{id}.EventBusName")))?;
                match bus.as_str() {
                    "default" => (format!("arn:aws:events:{place}:rule/"), ""),
                    bus => (format!("arn:aws:events:{place}:rule/{bus}/"), ""),
                }
            }
            "AWS::SQS::Queue" => (format!("arn:aws:sqs:{place}:"), ""),
            "AWS::SNS::Topic" => (format!("arn:aws:sns:{place}:"), ""),
            "AWS::DynamoDB::Table" => (format!("arn:aws:dynamodb:{place}:table/"), ""),
            "AWS::S3::Bucket" => ("arn:aws:s3:::".to_string(), ""),
            "AWS::IAM::Role" => ("arn:aws:iam::${AWS::AccountId}:role/".to_string(), ""),
            "AWS::Logs::LogGroup" => (format!("arn:aws:logs:{place}:log-group:"), ":*"),
            "AWS::Scheduler::Schedule" => (format!("arn:aws:scheduler:{place}:schedule/default/"), ""),
            _ => return Ok(placeholder),
        };
        Ok(format!("{prefix}{}{suffix}", self.name_of(id, depth)?))
    }

    /// The name of the bus a rule is on.
    fn rule_bus(&mut self, id: &str, depth: u32) -> Result<String, Fail> {
        let Some(value) = self.property(id, "EventBusName") else {
            return Ok("default".to_string());
        };
        match self.resolve(value, depth, &mut Vec::new())? {
            None => Ok("default".to_string()),
            Some(v) => Ok(bus_name(&text(&v)?).to_string()),
        }
    }

    /// `Fn::Sub` in its string and `[template, {vars}]` forms.
    fn sub(&mut self, arg: &Yaml, depth: u32, refs: &mut Vec<String>) -> Result<String, Fail> {
        let (template, vars) = match arg {
            Yaml::String(s) => (s.as_str(), None),
            other => {
                let [template, vars] = arguments::<2>(other, "Fn::Sub")?;
                let template = template.as_str().ok_or_else(|| Fail::new("Fn::Sub needs a template string first"))?;
                let vars = vars.as_mapping().ok_or_else(|| Fail::new("Fn::Sub needs a mapping of variables"))?;
                (template, Some(vars))
            }
        };
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                // An unclosed `${` is not a variable: CloudFormation keeps it as text.
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            match name.strip_prefix('!') {
                Some(literal) => {
                    out.push_str("${");
                    out.push_str(literal);
                    out.push('}');
                }
                None => out.push_str(&self.sub_variable(name, vars, depth, refs)?),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// A `${name}` of `Fn::Sub`: its own variable, else `Ref name`, else `GetAtt`.
    fn sub_variable(
        &mut self,
        name: &str,
        vars: Option<&Mapping>,
        depth: u32,
        refs: &mut Vec<String>,
    ) -> Result<String, Fail> {
        if let Some(value) = vars.and_then(|v| v.get(name)) {
            return self.resolve_text(value, depth, refs);
        }
        match name.split_once('.') {
            Some((id, attribute)) => self.attribute(id, attribute, depth, refs),
            None => match self.reference(name, depth, refs)? {
                Some(value) => text(&value),
                None => Err(Fail::new(format!("${{{name}}} is AWS::NoValue"))),
            },
        }
    }

    /// The named condition's value.
    fn truth(&mut self, name: &str, depth: u32) -> Result<bool, Fail> {
        if let Some(&truth) = self.truths.get(name) {
            return Ok(truth);
        }
        let depth = deeper(depth)?;
        let conditions = self.conditions;
        let expression =
            conditions.and_then(|c| c.get(name)).ok_or_else(|| Fail::new(format!("no condition {name}")))?;
        let truth = self.condition(expression, depth).map_err(|f| f.within(&format!("condition {name}")))?;
        self.truths.insert(name.to_string(), truth);
        Ok(truth)
    }

    /// A condition expression: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`.
    fn condition(&mut self, expression: &Yaml, depth: u32) -> Result<bool, Fail> {
        let depth = deeper(depth)?;
        // `{"Condition": name}` names another condition only inside condition functions.
        let call = match expression.as_mapping().filter(|m| m.len() == 1).and_then(|m| m.get("Condition")) {
            Some(name) => Some(("Condition".to_string(), name)),
            None => intrinsic(expression),
        };
        let Some((function, arg)) = call else {
            return Err(Fail::new("a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition"));
        };
        self.condition_call(&function, arg, depth)
    }

    fn condition_call(&mut self, function: &str, arg: &Yaml, depth: u32) -> Result<bool, Fail> {
        match function {
            "Condition" => {
                let name = arg.as_str().ok_or_else(|| Fail::new("Condition takes a condition name"))?;
                self.truth(name, depth)
            }
            "Fn::Equals" => {
                let [a, b] = arguments::<2>(arg, function)?;
                let a = self.resolve(a, depth, &mut Vec::new())?;
                let b = self.resolve(b, depth, &mut Vec::new())?;
                Ok(match (a.as_ref().map(text), b.as_ref().map(text)) {
                    (Some(Ok(a)), Some(Ok(b))) => a == b,
                    _ => a == b,
                })
            }
            "Fn::Not" => {
                let [inner] = arguments::<1>(arg, function)?;
                Ok(!self.condition(inner, depth)?)
            }
            "Fn::And" | "Fn::Or" => {
                let items = arg.as_sequence().ok_or_else(|| Fail::new(format!("{function} takes a list")))?;
                let mut truths = Vec::with_capacity(items.len());
                for item in items {
                    truths.push(self.condition(item, depth)?);
                }
                Ok(if function == "Fn::And" { truths.iter().all(|t| *t) } else { truths.iter().any(|t| *t) })
            }
            other => Err(Fail::new(format!("{other} is not a condition function"))),
        }
    }

    /// An `EventPattern` as compact JSON text; `None` when absent or `AWS::NoValue`.
    fn pattern_text(&mut self, id: &str) -> Result<Option<String>, TemplateError> {
        let Some(raw) = self.property(id, "EventPattern") else {
            return Ok(None);
        };
        let Some(value) = self.resolve_at(id, "EventPattern", raw, &mut Vec::new())? else {
            return Ok(None);
        };
        Ok(Some(match value {
            // Text that is not JSON is kept, so compiling it reports why.
            Yaml::String(s) => parse_python_json(&s).map_or(s, |parsed| json_text(&parsed.value)),
            other => json_text(&to_json(&other).map_err(|message| TemplateError::Property {
                resource: id.to_string(),
                property: "EventPattern".into(),
                message,
            })?),
        }))
    }

    fn rule(&mut self, id: &str) -> Result<Option<FoundRule>, TemplateError> {
        let Some(pattern_text) = self.pattern_text(id)? else {
            return Ok(None);
        };
        let at = |property: &str, fail: Fail| TemplateError::Property {
            resource: id.to_string(),
            property: property.to_string(),
            message: fail.message,
        };
        let name = self.physical_name(id, 0).map_err(|f| at("Name", f))?;
        let bus = self.rule_bus(id, 0).map_err(|f| at("EventBusName", f))?;
        let state = match self.property(id, "State") {
            None => None,
            Some(raw) => self.text_at(id, "State", raw)?,
        };
        let state = match state {
            None => RuleState::Enabled,
            Some(state) => {
                RuleState::parse(&state).ok_or_else(|| at("State", Fail::new(format!("unknown state {state}"))))?
            }
        };
        let pattern = compile_pattern(&name, &pattern_text)
            .map_err(|error| TemplateError::Pattern { resource: id.to_string(), error })?;
        let (targets, function) = self.targets(id)?;
        Ok(Some(FoundRule {
            bus,
            rule: Rule { name: name.into(), state, pattern_text, pattern, targets: targets.into() },
            function,
        }))
    }

    /// A rule's targets and the name of the first function among them.
    fn targets(&mut self, id: &str) -> Result<(Vec<Target>, Option<String>), TemplateError> {
        let Some(raw) = self.property(id, "Targets") else {
            return Ok((Vec::new(), None));
        };
        let items = raw.as_sequence().ok_or_else(|| TemplateError::Property {
            resource: id.to_string(),
            property: "Targets".into(),
            message: "expected a list".into(),
        })?;
        let mut targets = Vec::new();
        let mut function = None;
        for (i, item) in items.iter().enumerate() {
            let place = format!("Targets[{i}]");
            // A target behind an intrinsic (`!If [C, {…}, !Ref AWS::NoValue]`) is resolved
            // whole; a plain one field by field, so only its Arn decides `is_function`.
            let mut refs = Vec::new();
            let resolved;
            let target = if item.as_mapping().is_some() && intrinsic(item).is_none() {
                item
            } else {
                match self.resolve_at(id, &place, item, &mut refs)? {
                    None => continue,
                    Some(value) => {
                        resolved = value;
                        &resolved
                    }
                }
            };
            if target.as_mapping().is_none() {
                return Err(TemplateError::Property {
                    resource: id.to_string(),
                    property: place,
                    message: "expected a mapping".into(),
                });
            }
            let missing = |field: &str| TemplateError::Property {
                resource: id.to_string(),
                property: format!("{place}.{field}"),
                message: "missing".into(),
            };
            let target_id = target.get("Id").ok_or_else(|| missing("Id"))?;
            let target_id = self.text_at(id, &format!("{place}.Id"), target_id)?.ok_or_else(|| missing("Id"))?;
            let raw_arn = target.get("Arn").ok_or_else(|| missing("Arn"))?;
            let arn = match self.resolve(raw_arn, 0, &mut refs) {
                Ok(Some(value)) => text(&value).map_err(|f| TemplateError::Property {
                    resource: id.to_string(),
                    property: format!("{place}.Arn"),
                    message: f.message,
                })?,
                Ok(None) => return Err(missing("Arn")),
                Err(fail) if fail.unsupported => {
                    refs.clear();
                    to_json(raw_arn).map_or_else(|_| "unresolved".to_string(), |v| json_text(&v))
                }
                Err(fail) => {
                    return Err(TemplateError::Property {
                        resource: id.to_string(),
                        property: format!("{place}.Arn"),
                        message: fail.message,
                    });
                }
            };
            let target_function = refs.iter().find(|r| self.type_of(r).is_some_and(|t| FUNCTION_TYPES.contains(&t)));
            if let Some(function_id) = target_function
                && function.is_none()
            {
                function = Some(self.physical_name(function_id, 0).map_err(|fail| TemplateError::Property {
                    resource: function_id.clone(),
                    property: name_property(self.type_of(function_id).unwrap_or_default()).into(),
                    message: fail.message,
                })?);
            }
            targets.push(Target { id: target_id, arn, is_function: target_function.is_some() });
        }
        Ok((targets, function))
    }

    /// The archive, if it keeps events of `bus`.
    fn archive(&mut self, id: &str, bus: &str) -> Result<Option<Archive>, TemplateError> {
        let source = match self.property(id, "SourceArn") {
            None => None,
            Some(raw) => self.text_at(id, "SourceArn", raw)?,
        };
        if source.as_deref().map(bus_name) != Some(bus) {
            return Ok(None);
        }
        let name = self.physical_name(id, 0).map_err(|fail| TemplateError::Property {
            resource: id.to_string(),
            property: "ArchiveName".into(),
            message: fail.message,
        })?;
        let retention_days = match self.property(id, "RetentionDays") {
            None => None,
            Some(raw) => match self.text_at(id, "RetentionDays", raw)? {
                None => None,
                Some(days) => Some(days.parse::<u32>().map_err(|_| TemplateError::Property {
                    resource: id.to_string(),
                    property: "RetentionDays".into(),
                    message: format!("{days} is not a number of days"),
                })?),
            },
        };
        let pattern = match self.pattern_text(id)? {
            None => None,
            Some(text) => Some(
                compile_pattern(&name, &text)
                    .map_err(|error| TemplateError::Pattern { resource: id.to_string(), error })?,
            ),
        };
        Ok(Some(Archive { name, retention_days, pattern }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-rule template whose rule `Name` is `name`, after the `head` sections.
    fn rule_name(head: &str, name: &str) -> Result<String, TemplateError> {
        let text = format!(
            "{head}\nResources:\n  Other:\n    Type: AWS::SQS::Queue\n    Properties: {{QueueName: q}}\n  \
             R:\n    Type: AWS::Events::Rule\n    Properties:\n      Name: {name}\n      \
             EventPattern: {{source: [x]}}\n"
        );
        from_template(&text, Stage::Prod, "test").map(|bus| bus.rules()[0].name.to_string())
    }

    fn name(head: &str, expression: &str) -> String {
        rule_name(head, expression).unwrap_or_else(|e| panic!("{expression}: {e}"))
    }

    const PARAMETERS: &str = "Parameters:\n  Stage: {Type: String}\n  Zones: {Type: CommaDelimitedList, Default: \
                              'a, b'}\n  Size: {Type: Number, Default: 3}";

    #[test]
    fn sub_resolves_variables_and_keeps_escapes() {
        assert_eq!(name(PARAMETERS, "!Sub 'x-${Stage}-${Size}'"), "x-prod-3");
        assert_eq!(name(PARAMETERS, "!Sub 'a-${!Literal}-${AWS::Region}'"), "a-${Literal}-${AWS::Region}");
        assert_eq!(name(PARAMETERS, "!Sub ['${A}-${Other}', {A: !Ref Stage}]"), "prod-q");
        assert_eq!(name(PARAMETERS, "!Sub '${Other.Arn}'"), "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q");
        assert_eq!(name(PARAMETERS, "!Sub '${Other.QueueUrl}/${AWS::Partition}'"), "${Other.QueueUrl}/aws");
        assert_eq!(name(PARAMETERS, "!Sub 'open ${Stage'"), "open ${Stage");
    }

    #[test]
    fn list_functions_resolve() {
        assert_eq!(name(PARAMETERS, "!Join ['+', !Ref Zones]"), "a+b");
        assert_eq!(name(PARAMETERS, "!Select [1, !Split [',', 'p,q,r']]"), "q");
        assert_eq!(name(PARAMETERS, "{'Fn::Select': ['0', [!Ref Stage]]}"), "prod");
        let mappings = format!("{PARAMETERS}\nMappings:\n  Names: {{prod: {{rule: from-map}}}}");
        assert_eq!(name(&mappings, "!FindInMap [Names, !Ref Stage, rule]"), "from-map");
    }

    #[test]
    fn conditions_choose_branches() {
        let head = format!(
            "{PARAMETERS}\nConditions:\n  IsDev: !Equals [!Ref Stage, dev]\n  IsProd: {{'Fn::Not': [{{Condition: \
             IsDev}}]}}\n  Both: !And [!Condition IsProd, !Or [!Equals [3, !Ref Size], !Condition IsDev]]"
        );
        assert_eq!(name(&head, "!If [IsDev, d, p]"), "p");
        assert_eq!(name(&head, "!If [Both, yes, no]"), "yes");
        // No name at all: CloudFormation generates one.
        assert_eq!(name(&head, "!If [IsDev, d, !Ref AWS::NoValue]"), "${AWS::StackName}-R-*");
    }

    #[test]
    fn a_resource_with_a_false_condition_is_left_out() {
        let text = "Conditions:\n  Never: !Equals [a, b]\nResources:\n  Gone:\n    Type: AWS::Events::Rule\n    \
                    Condition: Never\n    Properties: {Name: gone, EventPattern: {source: [x]}}\n  Kept:\n    \
                    Type: AWS::Events::Rule\n    Properties: {Name: kept, EventPattern: {source: [x]}}\n";
        let bus = from_template(text, Stage::Dev, "test").expect("template");
        let names: Vec<&str> = bus.rules().iter().map(|r| &*r.name).collect();
        assert_eq!(names, ["kept"]);
    }

    #[test]
    fn broken_references_are_errors_naming_the_property() {
        let cases = [
            ("!Ref Missing", "Ref to Missing, which is neither a parameter nor a resource"),
            ("!GetAtt Missing.Arn", "Fn::GetAtt of Missing, which is not a resource"),
            ("!If [Nope, a, b]", "no condition Nope"),
            ("!Select [5, [a]]", "Fn::Select index 5 is out of range"),
            ("!Join [',', x]", "expected a list"),
            ("!GetAZs ''", "Fn::GetAZs cannot be resolved offline"),
            ("!Sub [a, b, c]", "Fn::Sub takes a list of 2"),
        ];
        for (expression, message) in cases {
            let error = rule_name(PARAMETERS, expression).expect_err(expression).to_string();
            assert!(error.starts_with("resource R, property Name: "), "{error}");
            assert!(error.ends_with(message), "{expression}: {error}");
        }
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !ImportValue q}\n  R:\n    \
                    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [x]}\n      Targets: [{Id: \
                    T, Arn: !GetAtt Q.Arn}]\n";
        let error = from_template(text, Stage::Dev, "test").expect_err("imported name").to_string();
        assert_eq!(
            error,
            "resource R, property Targets[0].Arn: Q.QueueName: Fn::ImportValue cannot be resolved offline"
        );
        let error = rule_name("Parameters:\n  Other: {Type: String}", "!Ref Other").expect_err("no default");
        assert!(error.to_string().ends_with("parameter Other has no Default to stand for its value"), "{error}");
    }

    #[test]
    fn reference_cycles_end_in_an_error() {
        let text = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Sub '${B}'}\n  B:\n    \
                    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref A}\n  R:\n    Type: AWS::Events::Rule\n    \
                    Properties: {Name: !Ref A, EventPattern: {source: [x]}}\n";
        let error = from_template(text, Stage::Dev, "test").expect_err("cycle").to_string();
        assert!(error.contains("nest too deeply"), "{error}");
        let text = "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  R:\n    Type: \
                    AWS::Events::Rule\n    Condition: A\n    Properties: {EventPattern: {source: [x]}}\n";
        let error = from_template(text, Stage::Dev, "test").expect_err("cycle").to_string();
        assert!(error.contains("nest too deeply"), "{error}");
    }

    #[test]
    fn the_busiest_bus_wins_and_keeps_its_archive() {
        let text = "Resources:\n  Main:\n    Type: AWS::Events::EventBus\n    Properties: {Name: main}\n  \
                    Keep:\n    Type: AWS::Events::Archive\n    Properties:\n      SourceArn: !Sub \
                    'arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'\n  Kept:\n    Type: \
                    AWS::Events::Archive\n    Properties: {ArchiveName: kept, SourceArn: !GetAtt Main.Arn, \
                    RetentionDays: '0'}\n  A:\n    Type: AWS::Events::Rule\n    Properties: {Name: a, EventBusName: \
                    !Ref Main, EventPattern: {source: [x]}}\n  B:\n    Type: AWS::Events::Rule\n    Properties: \
                    {Name: b, EventPattern: {source: [x]}}\n  C:\n    Type: AWS::Events::Rule\n    Properties: \
                    {Name: c, EventBusName: !GetAtt Main.Arn, EventPattern: {source: [x]}}\n";
        let bus = from_template(text, Stage::Dev, "test").expect("template");
        assert_eq!(bus.name, "main");
        let names: Vec<&str> = bus.rules().iter().map(|r| &*r.name).collect();
        assert_eq!(names, ["a", "c"]);
        let archive = bus.archive().expect("archive");
        assert_eq!((archive.name.as_str(), archive.retention_days, archive.pattern.is_none()), ("kept", Some(0), true));
    }

    #[test]
    fn bad_states_and_targets_are_errors() {
        let rule = |properties: &str| {
            let text = format!(
                "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties: {{Name: r, EventPattern: \
                 {{source: [x]}}, {properties}}}\n"
            );
            from_template(&text, Stage::Dev, "test").expect_err(properties).to_string()
        };
        assert_eq!(rule("State: PAUSED"), "resource R, property State: unknown state PAUSED");
        assert_eq!(rule("Targets: {Id: x}"), "resource R, property Targets: expected a list");
        assert_eq!(rule("Targets: [{Id: x}]"), "resource R, property Targets[0].Arn: missing");
        assert_eq!(rule("Targets: [plain]"), "resource R, property Targets[0]: expected a mapping");
    }

    #[test]
    fn conditional_targets_resolve_whole() {
        let text = "Conditions:\n  No: !Equals [a, b]\nResources:\n  F:\n    Type: AWS::Lambda::Function\n  R:\n    \
                    Type: AWS::Events::Rule\n    Properties:\n      Name: r\n      EventPattern: {source: [x]}\n      \
                    Targets:\n        - !If [No, {Id: gone, Arn: x}, !Ref AWS::NoValue]\n        - !If [No, \
                    !Ref AWS::NoValue, {Id: kept, Arn: !GetAtt F.Arn}]\n";
        let bus = from_template(text, Stage::Dev, "test").expect("template");
        let targets = &bus.rules()[0].targets;
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].id, "kept");
        assert!(targets[0].is_function);
        assert_eq!(bus.function_name, "${AWS::StackName}-F-*");
    }

    #[test]
    fn deep_nesting_and_long_chains_end_in_an_error() {
        let nested = |inner: &str| (0..40).fold(inner.to_string(), |acc, _| format!("!Select [0, [{acc}]]"));
        let mut text = String::from("Resources:\n");
        for i in 0..150 {
            let next = nested(&format!("!Ref Q{}", i + 1));
            text.push_str(&format!("  Q{i}:\n    Type: AWS::SQS::Queue\n    Properties: {{QueueName: {next}}}\n"));
        }
        text.push_str("  Q150:\n    Type: AWS::SQS::Queue\n");
        text.push_str(
            "  R:\n    Type: AWS::Events::Rule\n    Properties: {Name: !Ref Q0, EventPattern: {source: [x]}}\n",
        );
        let error = from_template(&text, Stage::Dev, "test").expect_err("too deep").to_string();
        assert!(error.contains("nest too deeply"), "{error}");
    }
}
