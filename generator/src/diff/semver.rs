//! The version bump a set of changes implies for the generated crate, by
//! Cargo's reading of semver: below 1.0 the left-most non-zero component is
//! the "major" one, so a breaking change of a 0.x crate bumps the minor
//! version and anything else bumps the patch version.

use std::fmt;

use super::change::ApiClass;

/// Which component of the version must grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed for users.
    None,
    /// Compatible fixes: docs, wire-only changes.
    Patch,
    /// Compatible additions (1.x and later).
    Minor,
    /// Incompatible changes (1.x and later).
    Major,
}

impl Bump {
    /// The stable name used in every output format.
    pub fn id(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A version as `major.minor.patch` (a pre-release or build suffix of the
/// patch component is dropped: the bump starts a new release).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// Reads `1.2.3` (or `1.2.3-rc.1`); `None` when it is not a version.
    pub fn parse(text: &str) -> Option<Self> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|part| part.parse::<u64>().ok());
        let version = Self {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }

    /// The smallest version after this one that the bump allows.
    pub fn bumped(self, bump: Bump) -> Self {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match bump {
            Bump::None => self,
            Bump::Patch => Self::new(major, minor, patch + 1),
            Bump::Minor => Self::new(major, minor + 1, 0),
            Bump::Major => Self::new(major + 1, 0, 0),
        }
    }

    fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The bump that the most serious change (`worst`, `None` when nothing
/// changed) needs on top of `version`.
///
/// - 1.0 and later: breaking → major, additive → minor, anything else →
///   patch.
/// - 0.y.z with y > 0: breaking → minor, anything else → patch.
/// - 0.0.z: every release is incompatible with the last, so any change is
///   a patch bump (which Cargo treats as breaking there).
pub fn required(version: Version, worst: Option<ApiClass>) -> Bump {
    let Some(worst) = worst else {
        return Bump::None;
    };
    match (version.major, version.minor, worst) {
        (0, 0, _) => Bump::Patch,
        (0, _, ApiClass::Breaking) => Bump::Minor,
        (0, _, _) => Bump::Patch,
        (_, _, ApiClass::Breaking) => Bump::Major,
        (_, _, ApiClass::Additive) => Bump::Minor,
        (_, _, _) => Bump::Patch,
    }
}

/// Whether going from `old` to `new` is at least the bump `needed`.
pub fn satisfied(old: Version, new: Version, needed: Bump) -> bool {
    new >= old.bumped(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn zero_x_rule() {
        assert_eq!(required(v("0.3.1"), Some(ApiClass::Breaking)), Bump::Minor);
        assert_eq!(required(v("0.3.1"), Some(ApiClass::Additive)), Bump::Patch);
        assert_eq!(required(v("0.3.1"), Some(ApiClass::DocsOnly)), Bump::Patch);
        assert_eq!(required(v("0.3.1"), None), Bump::None);
        assert_eq!(required(v("0.0.4"), Some(ApiClass::Additive)), Bump::Patch);
        assert_eq!(v("0.3.1").bumped(Bump::Minor), v("0.4.0"));
    }

    #[test]
    fn one_x_rule() {
        assert_eq!(required(v("1.2.3"), Some(ApiClass::Breaking)), Bump::Major);
        assert_eq!(required(v("1.2.3"), Some(ApiClass::Additive)), Bump::Minor);
        assert_eq!(required(v("1.2.3"), Some(ApiClass::None)), Bump::Patch);
        assert_eq!(v("1.2.3").bumped(Bump::Major), v("2.0.0"));
    }

    #[test]
    fn versions() {
        assert_eq!(v("1.2.3-rc.1"), v("1.2.3"));
        assert!(Version::parse("1.2").is_none());
        assert!(Version::parse("1.2.3.4").is_none());
        assert!(Version::parse("x.2.3").is_none());
        assert!(satisfied(v("0.3.1"), v("0.4.0"), Bump::Minor));
        assert!(!satisfied(v("0.3.1"), v("0.3.2"), Bump::Minor));
        assert!(satisfied(v("0.3.1"), v("0.3.1"), Bump::None));
    }
}
