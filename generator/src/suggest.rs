//! "Did you mean" suggestions for misspelt names, shared by the loader and
//! validation.

/// How many candidates of a plausible length are compared, bounding the
/// cost of a suggestion on a spec with very many names.
const MAX_SUGGESTION_CANDIDATES: usize = 2000;

/// The candidate closest to `name` by edit distance, when close enough to be
/// a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > 64 {
        return None;
    }
    candidates
        // The allowed distance is at most a third of the candidate's length,
        // so lengths far apart cannot match; skipping them keeps this cheap.
        .filter(|candidate| {
            let other = candidate.chars().count();
            length.abs_diff(other) <= (other / 3).max(1)
        })
        .take(MAX_SUGGESTION_CANDIDATES)
        .map(|candidate| {
            (
                edit_distance(&name.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            current.push(substitution.min(insertion).min(deletion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}
