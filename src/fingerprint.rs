//! Fingerprints: an identity for a finding that survives unrelated edits, shared by the baseline, SARIF's
//! `partialFingerprints` and GitLab's `fingerprint`.
//!
//! A fingerprint hashes, in this order and separated by NUL bytes (which no linted file contains):
//! the rule id, the path (relative, with forward slashes), the enclosing function's qualified name
//! (`Finding::scope`, empty at module level), the flagged code (the primary span's text with each run
//! of whitespace collapsed to one space), and the occurrence index among the findings of the file that
//! share the other four parts (0 for the first, in position order). Line and column numbers play no
//! part, so lines inserted above a finding leave it unchanged.
//!
//! The hash is 64-bit FNV-1a (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`), written as
//! 16 lowercase hexadecimal digits: it is specified independently of Rust (unlike `DefaultHasher`),
//! so fingerprints stay equal across snag builds. Changing any of this changes every fingerprint: the
//! SARIF key `snag/v1` carries the version.

use crate::check::Entry;
use std::collections::HashMap;

/// The `partialFingerprints` key of SARIF results (the version of this scheme).
pub(crate) const SARIF_KEY: &str = "snag/v1";

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a of `parts`, each followed by a NUL byte.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = FNV_OFFSET_BASIS;
    for part in parts {
        for &byte in part.iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

/// A path as fingerprints and reports spell it: forward slashes on every platform.
pub(crate) fn slash_path(path: &str) -> String {
    if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// The flagged code with whitespace runs collapsed, so that reindenting it keeps its fingerprint.
fn normalised_code(entry: &Entry<'_>) -> String {
    let span = entry.finding.diagnostic.span;
    let code = entry
        .source
        .and_then(|text| text.get(span.start..span.end))
        .unwrap_or("");
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets every entry's fingerprint. `entries` must be in position order within each file, so that
/// occurrence indexes count from the top of the file.
pub(crate) fn assign(entries: &mut [Entry<'_>]) {
    let mut seen: HashMap<[String; 4], usize> = HashMap::new();
    for entry in entries.iter_mut() {
        let parts = [
            entry.finding.diagnostic.rule.to_string(),
            slash_path(entry.path),
            entry.finding.scope.clone().unwrap_or_default(),
            normalised_code(entry),
        ];
        let count = seen.entry(parts.clone()).or_insert(0);
        let occurrence = count.to_string();
        *count += 1;
        let [rule, path, scope, code] = &parts;
        let hash = fnv1a(&[
            rule.as_bytes(),
            path.as_bytes(),
            scope.as_bytes(),
            code.as_bytes(),
            occurrence.as_bytes(),
        ]);
        entry.fingerprint = format!("{hash:016x}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // FNV-1a 64 of "" and "a" (without the separator), from the FNV reference.
        let raw = |bytes: &[u8]| {
            bytes.iter().fold(FNV_OFFSET_BASIS, |hash, &b| {
                (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME)
            })
        };
        assert_eq!(raw(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(raw(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(raw(b"foobar"), 0x8594_4171_f739_67e8);
        // With the separator, parts cannot run into each other.
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
