//! "Did you mean …": the closest of the names that exist to one that does not. Pure.

use crate::routing::Stage;

/// Edits (insertions, deletions, substitutions) between two strings, by character.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate closest to `name`, if it is close enough to be what was meant (a typo or two,
/// up to a third of the name).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates.into_iter().map(|c| (distance(name, c), c)).filter(|(d, _)| *d > 0 && *d <= limit).min().map(|(_, c)| c)
}

/// `; did you mean …?` for a name that was not found among `candidates`: the other stage when
/// the name carries one that the place it was looked for does not (by its own name, else by the
/// names in it), else the closest name.
pub fn did_you_mean<'a>(name: &str, place: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let looked = Stage::in_name(place).or_else(|| {
        let mut stages = candidates.iter().filter_map(|c| Stage::in_name(c));
        let first = stages.next()?;
        stages.all(|s| s == first).then_some(first)
    });
    match (Stage::in_name(name), looked) {
        (Some(wanted), Some(looked)) if wanted != looked => format!("; did you mean --stage {}?", wanted.as_str()),
        _ => closest(name, candidates).map(|c| format!("; did you mean {c}?")).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_the_name_and_strangers_find_nothing() {
        let rules = ["alchemiser-signal-generated-dev", "alchemiser-all-events-monitor-dev"];
        assert_eq!(closest("alchemiser-signal-generatd-dev", rules), Some(rules[0]));
        assert_eq!(closest("alchemiser-all-events-monitr-dev", rules), Some(rules[1]));
        assert_eq!(closest("something-else", rules), None);
        assert_eq!(closest(rules[0], rules), None, "an exact name is no suggestion");
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn the_other_stage_is_named_first() {
        let on_dev = ["alchemiser-signal-generated-dev"];
        assert_eq!(
            did_you_mean("alchemiser-signal-generated-prod", "alchemiser-trading-events-dev", on_dev),
            "; did you mean --stage prod?"
        );
        assert_eq!(
            did_you_mean("alchemiser-signal-generatd-dev", "alchemiser-trading-events-dev", on_dev),
            "; did you mean alchemiser-signal-generated-dev?"
        );
        assert_eq!(did_you_mean("zzz", "alchemiser-trading-events-dev", on_dev), "");
        // A bus without a stage in its name is as dev as the rules on it.
        assert_eq!(
            did_you_mean("alchemiser-signal-generated-prod", "test-bus", on_dev),
            "; did you mean --stage prod?"
        );
    }
}
