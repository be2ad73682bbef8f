//! One `$or`-free branch of a pattern, as a tree over field names, and its matching (which
//! the checks of `checks` use for arrays); the numbering of field paths; their lookup.

use std::collections::HashMap;
use std::sync::Arc;

use super::MAX_ARRAY_NESTING;
use super::matcher::Matcher;
use crate::json::{Object, PyStr, Value};

/// A condition on the leaf values at a node's own path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    fields: Box<[Field]>,
    /// Whether any leaf here needs a value to be present.
    leaf_positive: bool,
    /// Whether any leaf below the fields needs a value to be present.
    fields_positive: bool,
}

#[derive(Debug, Clone)]
struct Field {
    name: PyStr,
    /// The number of this field's path from the event root in [`Paths`].
    slot: usize,
    /// Shared with the check made of it (see `checks`), which hands arrays to the subtree.
    node: Arc<Node>,
}

/// Numbers the distinct field paths of one or many patterns, so that each path is looked up
/// once per event however many branches and rules read it.
#[derive(Debug, Default)]
pub(super) struct Paths {
    index: HashMap<(Option<usize>, PyStr), usize>,
    /// Each numbered path as its parent path (`None`: the event root) and its last name.
    paths: Vec<(Option<usize>, PyStr)>,
}

impl Paths {
    pub(super) fn slot(&mut self, parent: Option<usize>, name: &PyStr) -> usize {
        let next = self.paths.len();
        *self.index.entry((parent, name.clone())).or_insert_with(|| {
            self.paths.push((parent, name.clone()));
            next
        })
    }

    pub(super) fn into_table(self) -> Box<[(Option<usize>, PyStr)]> {
        self.paths.into()
    }
}

/// What one event holds at each numbered path: `None` until looked up, then the value found.
/// Valid only for paths reached through objects alone: below an array, a path names a
/// different value in each element.
pub(super) type Lookup<'a> = Option<Option<&'a Value>>;

/// The value at numbered path `slot` of an event whose root object is `root`, looked up once.
/// The path's parent must already be resolved to an object (or be the root).
#[inline]
pub(super) fn resolve<'a>(
    table: &mut [Lookup<'a>],
    paths: &[(Option<usize>, PyStr)],
    root: &'a Object,
    slot: usize,
) -> Option<&'a Value> {
    if let Some(Some(found)) = table.get(slot) {
        return *found;
    }
    let (parent, name) = paths.get(slot)?;
    debug_assert!(parent.is_none_or(|p| matches!(table.get(p), Some(Some(_)))), "parent of path {slot} not looked up");
    let object = match parent {
        None => Some(root),
        Some(parent) => match table.get(*parent) {
            Some(Some(Some(Value::Object(object)))) => Some(object),
            _ => None,
        },
    };
    let found = object.and_then(|object| field(object, name));
    if let Some(entry) = table.get_mut(slot) {
        *entry = Some(found);
    }
    found
}

impl Node {
    pub(super) fn new(leaves: Vec<Leaf>, fields: Vec<(PyStr, Node)>) -> Self {
        let leaf_positive = leaves.iter().any(|leaf| matches!(leaf, Leaf::Present(_)));
        let fields_positive = fields.iter().any(|(_, node)| node.positive());
        // Numbered later, by `number_paths`, against the paths of one pattern or of a set.
        let fields =
            fields.into_iter().map(|(name, node)| Field { name, slot: usize::MAX, node: Arc::new(node) }).collect();
        Node { leaves: leaves.into(), fields, leaf_positive, fields_positive }
    }

    /// Gives every field path below this root its number in `paths`.
    pub(super) fn number_paths(&mut self, paths: &mut Paths) {
        self.number_fields(None, paths);
    }

    /// Each field's path number and node.
    pub(super) fn fields(&self) -> impl Iterator<Item = (usize, &Arc<Node>)> {
        self.fields.iter().map(|f| (f.slot, &f.node))
    }

    pub(super) fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    pub(super) fn leaf_positive(&self) -> bool {
        self.leaf_positive
    }

    pub(super) fn fields_positive(&self) -> bool {
        self.fields_positive
    }

    fn number_fields(&mut self, parent: Option<usize>, paths: &mut Paths) {
        for field in &mut self.fields {
            field.slot = paths.slot(parent, &field.name);
            Arc::make_mut(&mut field.node).number_fields(Some(field.slot), paths);
        }
    }

    /// Whether some leaf in this subtree needs a value. Only such conditions choose array
    /// elements; a subtree of `exists: false` alone must hold across a whole array.
    pub(super) fn positive(&self) -> bool {
        self.leaf_positive || self.fields_positive
    }

    /// Whether `value`, reached from the root through objects alone, satisfies the subtree.
    pub(super) fn matches_value(&self, value: &Value) -> bool {
        self.matches_nested(Some(value), 0)
    }

    /// The same four cases as `checks::Layout::check`, which settles paths reached through
    /// objects; this walk settles what lies below an array.
    fn matches_nested(&self, value: Option<&Value>, arrays: usize) -> bool {
        match value {
            None => !self.positive(),
            // An object is not a leaf value, so only absence holds at its own path.
            Some(Value::Object(object)) => {
                !self.leaf_positive && self.fields.iter().all(|f| f.node.matches_nested(field(object, &f.name), arrays))
            }
            Some(Value::Array(items)) => self.array_matches(items, arrays),
            Some(leaf) => !self.fields_positive && self.leaves_accept(leaf),
        }
    }

    fn array_matches(&self, items: &[Value], arrays: usize) -> bool {
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

    pub(super) fn leaves_accept(&self, leaf: &Value) -> bool {
        self.leaves.iter().all(|condition| condition.accepts(leaf))
    }
}

impl Leaf {
    pub(super) fn accepts(&self, value: &Value) -> bool {
        match self {
            Leaf::Absent => false,
            Leaf::Present(matchers) => matchers.iter().any(|m| m.matches(value)),
        }
    }
}

fn field<'a>(object: &'a Object, name: &PyStr) -> Option<&'a Value> {
    object.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
}
