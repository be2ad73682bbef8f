//! One `$or`-free branch of a pattern, as a tree over field names, and its matching.

use super::MAX_ARRAY_NESTING;
use super::matcher::Matcher;
use crate::json::{Object, PyStr, Value};

/// A condition on the leaf values at a node's own path.
#[derive(Debug, Clone)]
pub(super) enum Leaf {
    /// `{"exists": false}`: the path has no leaf value.
    Absent,
    /// Some leaf value passes one of the matchers.
    Present(Box<[Matcher]>),
}

/// The conditions at one path: on its own leaf values and on its fields, all ANDed.
#[derive(Debug, Clone)]
pub(super) struct Node {
    leaves: Box<[Leaf]>,
    fields: Box<[(PyStr, Node)]>,
    /// Whether any leaf here needs a value to be present.
    leaf_positive: bool,
    /// Whether any leaf below the fields needs a value to be present.
    fields_positive: bool,
}

impl Node {
    pub(super) fn new(leaves: Vec<Leaf>, fields: Vec<(PyStr, Node)>) -> Self {
        let leaf_positive = leaves.iter().any(|leaf| matches!(leaf, Leaf::Present(_)));
        let fields_positive = fields.iter().any(|(_, node)| node.positive());
        Node { leaves: leaves.into(), fields: fields.into(), leaf_positive, fields_positive }
    }

    /// Whether some leaf in this subtree needs a value. Only such conditions choose array
    /// elements; a subtree of `exists: false` alone must hold across a whole array.
    fn positive(&self) -> bool {
        self.leaf_positive || self.fields_positive
    }

    /// Whether the value at this node's path (`None` when missing) satisfies the subtree.
    pub(super) fn matches(&self, value: Option<&Value>) -> bool {
        self.matches_nested(value, 0)
    }

    fn matches_nested(&self, value: Option<&Value>, arrays: usize) -> bool {
        match value {
            None => !self.positive(),
            // An object is not a leaf value, so only absence holds at its own path.
            Some(Value::Object(object)) => {
                !self.leaf_positive
                    && self.fields.iter().all(|(name, node)| node.matches_nested(field(object, name), arrays))
            }
            Some(Value::Array(items)) => {
                if arrays >= MAX_ARRAY_NESTING {
                    return !self.positive();
                }
                // Conditions reaching into one array are met by one element of it (event-ruler's
                // array consistency); absence-only conditions must hold in every element.
                if self.positive() {
                    items.iter().any(|item| self.matches_nested(Some(item), arrays + 1))
                } else {
                    items.iter().all(|item| self.matches_nested(Some(item), arrays + 1))
                }
            }
            Some(leaf) => !self.fields_positive && self.leaves.iter().all(|condition| condition.accepts(leaf)),
        }
    }
}

impl Leaf {
    fn accepts(&self, value: &Value) -> bool {
        match self {
            Leaf::Absent => false,
            Leaf::Present(matchers) => matchers.iter().any(|m| m.matches(value)),
        }
    }
}

fn field<'a>(object: &'a Object, name: &PyStr) -> Option<&'a Value> {
    object.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
}
