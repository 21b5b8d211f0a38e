//! `--format json-lines`: one compact JSON object per finding per line, with the fields of
//! `--format json` (see `json.rs`), for tools that stream or append.

use crate::check::Entry;
use crate::json;

/// Every finding as one line of JSON.
pub(crate) fn render(entries: &[Entry<'_>]) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    for entry in entries {
        serde_json::to_writer(&mut out, &json::finding(entry))?;
        out.push(b'\n');
    }
    Ok(out)
}
