//! Patterns laid out for matching many at once: their conditions as a graph of distinct
//! checks over numbered field paths. A check met by several rules or `$or` branches (the same
//! conditions at the same path) is decided once per event, and each path is looked up once.

use std::collections::HashMap;
use std::sync::Arc;

use super::matcher::Matcher;
use super::node::{Leaf, Lookup, Node, Paths, resolve};
use crate::json::{Object, PyStr, Value};

/// One or many patterns over shared paths and checks.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    paths: Box<[(Option<usize>, PyStr)]>,
    checks: Box<[Check]>,
    patterns: Vec<Laid>,
}

/// One pattern: its `$or`-free branches, as trees and as the checks of their top fields.
#[derive(Debug, Clone)]
pub(super) struct Laid {
    /// For events that are not objects, and for handing on to another layout.
    pub(super) trees: Vec<Node>,
    branches: Vec<Box<[usize]>>,
}

/// The conditions on the value at one path: a node of some branch with its subtree.
#[derive(Debug, Clone)]
struct Check {
    slot: usize,
    /// Some leaf here or below needs a value (a missing value fails).
    positive: bool,
    /// Some leaf here needs a value (an object here fails).
    leaf_positive: bool,
    /// Some leaf below needs a value (a leaf value here fails).
    fields_positive: bool,
    /// The usual single matcher, tested without the loops over leaves and matchers.
    one: Option<Matcher>,
    /// The subtree, for arrays (whose elements are matched with array semantics) and for
    /// leaves with several conditions.
    node: Arc<Node>,
    /// The checks of the fields below.
    children: Box<[usize]>,
}

/// What makes two checks the same.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    slot: usize,
    leaves: Box<[Leaf]>,
    children: Box<[usize]>,
}

impl Layout {
    /// Lays out patterns given as their branch trees.
    pub(super) fn new(patterns: impl IntoIterator<Item = Vec<Node>>) -> Layout {
        let mut paths = Paths::default();
        let mut builder = Builder::default();
        let patterns = patterns
            .into_iter()
            .map(|mut trees| {
                trees.iter_mut().for_each(|tree| tree.number_paths(&mut paths));
                // A branch root is the pattern object: only its fields carry conditions.
                debug_assert!(trees.iter().all(|tree| tree.leaves().is_empty()));
                let branches = trees.iter().map(|tree| builder.children(tree)).collect();
                Laid { trees, branches }
            })
            .collect();
        Layout { paths: paths.into_table(), checks: builder.checks.into(), patterns }
    }

    pub(super) fn patterns(&self) -> &[Laid] {
        &self.patterns
    }

    /// Whether `event` matches each pattern, in order.
    pub(super) fn matches(&self, event: &Value) -> Vec<bool> {
        let Value::Object(root) = event else {
            // Only an object has fields; the trees settle anything else.
            return self.patterns.iter().map(|p| p.trees.iter().any(|tree| tree.matches_value(event))).collect();
        };
        let (mut values, mut decided) = ([None; STACK], [Decided::Open; STACK]);
        let (mut values_heap, mut decided_heap) = (Vec::new(), Vec::new());
        let mut state = State {
            values: scratch(&mut values, &mut values_heap, self.paths.len(), None),
            decided: scratch(&mut decided, &mut decided_heap, self.checks.len(), Decided::Open),
        };
        self.patterns
            .iter()
            .map(|p| p.branches.iter().any(|branch| branch.iter().all(|&id| self.check(id, root, &mut state))))
            .collect()
    }

    fn check<'a>(&self, id: usize, root: &'a Object, state: &mut State<'a, '_>) -> bool {
        match state.decided.get(id) {
            Some(Decided::Yes) => return true,
            Some(Decided::No) => return false,
            _ => {}
        }
        let Some(check) = self.checks.get(id) else { return false };
        // The check's parent path holds an object (or is the root): its children are only
        // checked below one, so the path can be looked up. The cases are `Node::matches_nested`'s.
        let holds = match resolve(state.values, &self.paths, root, check.slot) {
            None => !check.positive,
            // An object is not a leaf value: what counts are the conditions on its fields.
            Some(Value::Object(_)) => {
                !check.leaf_positive && check.children.iter().all(|&child| self.check(child, root, state))
            }
            Some(array @ Value::Array(_)) => check.array_matches(array),
            Some(leaf) => !check.fields_positive && check.accepts(leaf),
        };
        if let Some(decided) = state.decided.get_mut(id) {
            *decided = if holds { Decided::Yes } else { Decided::No };
        }
        holds
    }
}

/// One event's lookups and decided checks.
struct State<'a, 's> {
    values: &'s mut [Lookup<'a>],
    decided: &'s mut [Decided],
}

/// Per-event tables live on the stack up to this many paths or checks (a bus has a handful).
const STACK: usize = 32;

/// `len` copies of `init`, in `stack` when they fit, else in `heap`.
fn scratch<'s, T: Copy>(stack: &'s mut [T; STACK], heap: &'s mut Vec<T>, len: usize, init: T) -> &'s mut [T] {
    match stack.get_mut(..len) {
        Some(table) => table,
        None => {
            heap.resize(len, init);
            heap
        }
    }
}

#[derive(Clone, Copy)]
enum Decided {
    Open,
    Yes,
    No,
}

impl Check {
    fn accepts(&self, value: &Value) -> bool {
        match &self.one {
            Some(matcher) => matcher.matches(value),
            None => self.node.leaves_accept(value),
        }
    }

    /// Out of line: arrays are the rarer case, and the loop over checks stays small.
    #[inline(never)]
    fn array_matches(&self, array: &Value) -> bool {
        self.node.matches_value(array)
    }
}

#[derive(Default)]
struct Builder {
    checks: Vec<Check>,
    index: HashMap<Key, usize>,
}

impl Builder {
    /// The checks of `node`'s fields, adding those not seen before.
    fn children(&mut self, node: &Node) -> Box<[usize]> {
        node.fields().map(|(slot, child)| self.check(slot, child)).collect()
    }

    fn check(&mut self, slot: usize, node: &Arc<Node>) -> usize {
        let children = self.children(node);
        let key = Key { slot, leaves: node.leaves().into(), children };
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let one = match node.leaves() {
            [Leaf::Present(matchers)] => match &**matchers {
                [one] => Some(one.clone()),
                _ => None,
            },
            _ => None,
        };
        let id = self.checks.len();
        self.checks.push(Check {
            slot,
            positive: node.positive(),
            leaf_positive: node.leaf_positive(),
            fields_positive: node.fields_positive(),
            one,
            node: Arc::clone(node),
            children: key.children.clone(),
        });
        self.index.insert(key, id);
        id
    }
}
