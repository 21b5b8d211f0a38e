use crate::helpers::{loop_label, unwrap};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingId, BindingKind, LoopId, ScopeKind, Semantic, ValueStep};
use snag_core::Severity;
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags `s += piece` and `s = s + piece` inside a loop (`for`, `for...of`, `for...in`, `while`,
    /// `do...while`, `.forEach`/`.map` callbacks, Python `for`/`while`) when `s` is declared outside that
    /// loop and is known to be a string: initialised from a string literal, a template literal or f-string,
    /// `String(...)`/`str(...)`, a `.join(...)`, annotated `string`/`str`, or returned by a function
    /// declared to return one.
    ///
    /// ## Why is this bad?
    /// Strings are immutable: where the runtime cannot append in place, each `+=` copies everything
    /// built so far, and building a string of `n` pieces copies O(n²) characters. Measured here
    /// (`bench/concat`, BENCHMARKS.md; 100,000 appends of 10 bytes, ten times the time for twice the
    /// pieces), the cost depends on what holds the string, and so does the finding's severity:
    /// - **warning**, quadratic: a Python `bytes` object (2.2 s), a `global` (2.7 s), a string another
    ///   reference holds while it grows (`history.append(s)`, 2.8 s); a JavaScript string the loop also
    ///   reads (`s.charCodeAt(i)`, `s.indexOf(x)`, `s[i]`: V8 flattens its rope on each read, 34 s);
    /// - **info**, right but small: a Python `str` only a local variable holds (4 ms: CPython resizes it
    ///   in place, PyPy does not, and PEP 8 asks code not to rely on it); a JavaScript string the loop
    ///   does not read, in request handler code (linear in V8, but the whole response sits in memory
    ///   before it is sent: stream it);
    /// - nothing: a JavaScript string the loop does not read, outside handler code (under 1 ms).
    ///
    /// ## Example
    /// ```js
    /// let csv = 'id,total\n';
    /// for (const order of orders) {
    ///   csv += `${order.id},${order.total}\n`;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const lines = ['id,total'];
    /// for (const order of orders) {
    ///   lines.push(`${order.id},${order.total}`);
    /// }
    /// const csv = lines.join('\n') + '\n';
    /// ```
    /// In Python, append to a list and `"".join(parts)` after the loop, or write to an `io.StringIO`; in
    /// a handler, write each piece to the response as it is built.
    ///
    /// ## Stays quiet on
    /// - numbers (`total += x`, `count = count + 1`) and lists (`rows += [x]`);
    /// - values of unknown type (an unannotated parameter);
    /// - concatenation outside loops;
    /// - a string declared inside the loop body, or reset (`s = ''`) in it, and built within one iteration;
    /// - test files.
    /// - `parts.push(x)` / `parts.append(x)` followed by `join`.
    pub struct StringConcatInLoop {
        id: "string-concat-in-loop",
        summary: "A string built with `+=` inside a loop (quadratic copying)",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["augmented_assignment_expression", "assignment_expression"],
                // `s += x`, or `s = s + x` with the left operand wrapped (`(s)`, `await s`, `s!`, `s as T`).
                triggers: [
                    literal("+="), pattern("= \\( \\w \\) +"), pattern("= \\( \\w \\) !"), pattern("= \\( \\w \\) as\\b"),
                    pattern("= \\( \\w \\) satisfies\\b"),
                ],
                // A loop statement or a per-element callback (lodash's included).
                requires: [[word("for"), word("while"), snag_core::semantic::js_iteration_callback_triggers()]],
            },
            Python {
                kinds: ["augmented_assignment", "assignment"],
                triggers: [literal("+="), pattern("= \\( \\w \\) +")],
                // A loop, and a name both grown that way and initialised as a string.
                requires: [[word("for"), word("while")], [check("string-concat", text_check::grows_a_string)]],
            },
        ],
    }
}

/// The prefilter's check of Python text: a file on which it fails holds no string the rule can see grow.
mod text_check {
    use snag_core::scan::{self, skip_gap, skip_gap_back, Back};
    use snag_core::LanguageFamily;

    /// Whether some name is both grown by concatenation (`s += x`, `s = s + x`) and initialised as a string
    /// (a value with a string literal, `str(...)`, `repr(...)`, `.join`, `.format`, `.strip`, `.upper`,
    /// `.lower` on its logical line, or a `: str` annotation), or a function is declared `-> str`.
    pub(super) fn grows_a_string(bytes: &[u8]) -> bool {
        let family = LanguageFamily::Python;
        // A call of a function declared to return `str` initialises a string under any name.
        let returns_str = memchr::memmem::find_iter(bytes, b"->").any(|at| {
            let after = skip_gap(bytes, at + 2, family);
            scan::starts_with_word(&bytes[after..], b"str")
        });
        if returns_str {
            return true;
        }
        // The names grown by concatenation; a target that cannot be read lets anything go.
        let mut targets: Vec<&[u8]> = Vec::new();
        // `name += ...` (not `obj.name += ...`, `name[0] += ...`).
        for at in memchr::memmem::find_iter(bytes, b"+=") {
            let Back::At(end) = skip_gap_back(bytes, at, family) else {
                return true;
            };
            let length = scan::identifier_before(bytes, end);
            if length == 0 {
                continue;
            }
            let start = end - length;
            let attribute = matches!(skip_gap_back(bytes, start, family), Back::At(b) if b > 0 && bytes[b - 1] == b'.');
            if !attribute {
                targets.push(&bytes[start..end]);
            }
        }
        // `name = name + ...`, the left operand maybe wrapped (`(name)`, `await name`).
        for at in memchr::memchr_iter(b'+', bytes) {
            if bytes.get(at + 1) == Some(&b'=') {
                continue;
            }
            let mut begin = at;
            loop {
                let Back::At(b) = skip_gap_back(bytes, begin, family) else {
                    return true;
                };
                begin = b;
                if begin > 0 && bytes[begin - 1] == b')' {
                    begin -= 1;
                } else {
                    break;
                }
            }
            let length = scan::identifier_before(bytes, begin);
            if length == 0 {
                continue;
            }
            let operand = &bytes[begin - length..begin];
            begin -= length;
            loop {
                let Back::At(b) = skip_gap_back(bytes, begin, family) else {
                    return true;
                };
                begin = b;
                if begin > 0 && bytes[begin - 1] == b'(' {
                    begin -= 1;
                } else if scan::keyword_before(bytes, begin, b"await") {
                    begin -= 5;
                } else {
                    break;
                }
            }
            let assignment = begin > 0
                && bytes[begin - 1] == b'='
                && !(begin > 1 && matches!(bytes[begin - 2], b'=' | b'!' | b'<' | b'>'));
            if !assignment {
                continue;
            }
            let Back::At(end) = skip_gap_back(bytes, begin - 1, family) else {
                return true;
            };
            let length = scan::identifier_before(bytes, end);
            if length > 0 && &bytes[end - length..end] == operand {
                targets.push(operand);
            }
        }
        targets.sort_unstable();
        targets.dedup();
        targets.iter().any(|name| string_initialised(bytes, name))
    }

    /// Whether `name` is given a string somewhere (see [`grows_a_string`]): an occurrence followed by
    /// `=` or `:` whose logical line has a string hint after it, or one bound by `as`.
    fn string_initialised(bytes: &[u8], name: &[u8]) -> bool {
        let family = LanguageFamily::Python;
        memchr::memmem::find_iter(bytes, name).any(|at| {
            let end = at + name.len();
            let whole =
                scan::identifier_before(bytes, at) == 0 && scan::identifier_after(bytes, end) == 0;
            if !whole {
                return false;
            }
            // `with ... as name` (also `except ... as name`, `import ... as name`): not followed.
            let bound_by_as = match skip_gap_back(bytes, at, family) {
                Back::At(b) => scan::keyword_before(bytes, b, b"as"),
                Back::Unknown => false,
            };
            let after = skip_gap(bytes, end, family);
            bound_by_as
                || match bytes.get(after) {
                    Some(b'=') if bytes.get(after + 1) != Some(&b'=') => {
                        string_hint(bytes, after + 1)
                    }
                    Some(b':') => string_hint(bytes, after + 1),
                    _ => false,
                }
        })
    }

    /// Whether the rest of the logical line from `at` has a quote or names `str`, `repr`, `join`, `format`,
    /// `strip`, `upper` or `lower` (comments aside).
    fn string_hint(bytes: &[u8], mut at: usize) -> bool {
        const HINTS: &[&[u8]] = &[
            b"str", b"repr", b"join", b"format", b"strip", b"upper", b"lower",
        ];
        let mut depth: i64 = 0;
        while at < bytes.len() {
            match bytes[at] {
                b'\'' | b'"' => return true,
                b'#' => {
                    at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                }
                b'\\' => at += 2,
                b'\n' if depth <= 0 => return false,
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    at += 1;
                }
                b')' | b']' | b'}' => {
                    depth -= 1;
                    at += 1;
                }
                byte if scan::is_identifier_byte(byte) => {
                    let start = at;
                    at += scan::identifier_after(bytes, at);
                    if HINTS.contains(&&bytes[start..at]) {
                        return true;
                    }
                }
                _ => at += 1,
            }
        }
        false
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn string_concat_check() {
            let holds = |text: &str| grows_a_string(text.as_bytes());
            assert!(holds("s = ''\nfor x in y:\n    s += x\n"));
            assert!(holds("def f(s: str):\n    while 1:\n        s = s + '!'\n"));
            assert!(holds("out = (\n    f'{a}'\n)\nout += b\n"));
            assert!(holds("parts = sep.join(x)\nparts += y\n"));
            assert!(holds("def g() -> str: ...\nt = g()\nt += 'x'\n"));
            assert!(holds("with open(p) as s:\n    s += 'x'\n"));
            assert!(!holds(
                "n = 0\nfor x in y:\n    n += 1\n    self.name += 'x'\n"
            ));
            assert!(!holds("s = ''\nt = 0\nt += 1\n"));
            assert!(!holds(
                "total = count(x)  # 'not a string'\ntotal = total + 1\n"
            ));
        }
    }
}

impl Rule for StringConcatInLoop {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let Some(target) = concatenated_target(semantic, node) else {
            return;
        };
        let Some(id) = semantic.loop_at(node) else {
            return;
        };
        let Some(binding_id) = semantic.resolve_identifier(target) else {
            return;
        };
        let binding = semantic.binding(binding_id);
        // Declared inside this loop: a fresh string each iteration, not one growing string.
        if semantic
            .loop_(id)
            .region
            .contains(Span::from(binding.declaration))
        {
            return;
        }
        if !matches!(binding.kind, BindingKind::Variable | BindingKind::Parameter)
            || !is_string_binding(semantic, binding_id)
            || is_reset_per_iteration(semantic, id, binding_id)
        {
            return;
        }
        // One finding per string and loop: the first place it grows, with the others as labels.
        let sites = growth_sites(semantic, id, binding_id);
        if sites.first().is_some_and(|first| first.id() != node.id()) {
            return;
        }
        let name = semantic.text(target);
        let python = semantic.language().family() == LanguageFamily::Python;
        let help = if python {
            "Collect the pieces in a list (`parts.append(piece)`) and `\"\".join(parts)` after the loop, or write to an `io.StringIO`."
        } else {
            "Collect the pieces in an array (`parts.push(piece)`) and `parts.join('')` after the loop."
        };
        let bytes = binding
            .value
            .is_some_and(|v| semantic.text(v).starts_with(['b', 'B']));
        let kind = if bytes { "bytes object" } else { "string" };
        let growth = growth(semantic, node, id, binding_id, bytes);
        let (message, severity) = match growth {
            Growth::Quadratic(why) => (
                format!("`{name}` is a {kind} grown inside a loop {why}: each concatenation copies everything built so far, so the loop does quadratic work."),
                None,
            ),
            Growth::LinearOnCPython => (
                format!("`{name}` is a string grown inside a loop. CPython resizes a string that only a local variable holds in place (linear), but PyPy and other interpreters copy it on each `+=` (quadratic), and PEP 8 asks code not to rely on it."),
                Some(Severity::Info),
            ),
            // V8 appends to a rope in linear time: the cost is the whole response held in memory.
            Growth::Rope if semantic.is_handler_code(node) => (
                format!("`{name}` builds a whole response in memory inside a loop in request handler code: V8 appends in linear time, but nothing is sent until the last row is built."),
                Some(Severity::Info),
            ),
            Growth::Rope => return,
        };
        let help = match growth {
            Growth::Rope => "Stream it: write each piece as it is built (`res.write(piece)`, a `Readable` stream) instead of concatenating the whole body.",
            _ => help,
        };
        let (loop_span, loop_message) = loop_label(semantic, id);
        let mut diagnostic = ctx
            .diagnostic(statement_span(node), message)
            .with_label(loop_span, loop_message)
            .with_label(binding.declaration, format!("`{name}` starts as a {kind} here"))
            .with_help(help);
        for site in sites.iter().skip(1) {
            diagnostic = diagnostic.with_label(*site, format!("`{name}` grows here too"));
        }
        if let Growth::Quadratic(_) = growth {
            if let Some(read) = read_in_loop(semantic, node, id, binding_id) {
                diagnostic = diagnostic.with_label(read, format!("`{name}` is read here on every iteration"));
            }
        }
        // Right but small is `info`: severity carries the cost.
        if let Some(severity) = severity {
            diagnostic.severity = severity;
        }
        ctx.report(diagnostic);
    }
}

/// How the cost of growing a string grows with the number of pieces, measured on CPython 3.11 and Node
/// 20 (bench/concat, BENCHMARKS.md: 100,000 appends of 10 bytes).
enum Growth {
    /// Copies everything built so far on each append (2.2 to 2.8 s for CPython bytes, globals and
    /// shared strings, 34 s for a Node string read in the loop; ten times the time for twice the pieces).
    Quadratic(&'static str),
    /// A Python `str` only a local variable holds: resized in place by CPython (4 ms), not by PyPy.
    LinearOnCPython,
    /// A JavaScript string the loop does not read: a rope, appended in linear time (under 1 ms).
    Rope,
}

fn growth(
    semantic: &Semantic<'_>,
    node: Node<'_>,
    loop_id: LoopId,
    binding: BindingId,
    bytes: bool,
) -> Growth {
    let declared_in = semantic.scope(semantic.binding(binding).scope).kind;
    if semantic.language().family() == LanguageFamily::JavaScript {
        return if read_in_loop(semantic, node, loop_id, binding).is_some() {
            Growth::Quadratic("that also reads it (V8 flattens the rope it builds on each read)")
        } else {
            Growth::Rope
        };
    }
    if bytes {
        Growth::Quadratic("(`bytes` is never resized in place)")
    } else if matches!(declared_in, ScopeKind::Module) && semantic.function_at(node).is_some() {
        Growth::Quadratic("through `global` (CPython resizes only locals in place)")
    } else if is_shared_in_loop(semantic, loop_id, binding) {
        Growth::Quadratic("while another reference holds it (CPython resizes only an unshared string in place)")
    } else {
        Growth::LinearOnCPython
    }
}

/// A read of the string inside the loop other than its own growth and its `.length`: `s.charCodeAt(i)`,
/// `s.indexOf(x)`, `s[i]`, `f(s)`.
fn read_in_loop<'t>(
    semantic: &Semantic<'t>,
    node: Node<'t>,
    loop_id: LoopId,
    binding: BindingId,
) -> Option<Node<'t>> {
    let region = semantic.loop_(loop_id).region;
    let growth = growth_sites(semantic, loop_id, binding);
    semantic.all_references(binding).into_iter().find(|reference| {
        let span = Span::from(*reference);
        let growing = growth.iter().any(|site| Span::from(*site).contains(span));
        let length = reference.parent().is_some_and(|parent| {
            parent.kind() == "member_expression"
                && parent.field("property").is_some_and(|p| semantic.text(p) == "length")
        });
        // Kept (`prefixes[i] = s`, `const last = s`): a reference to the rope, nothing flattened.
        let kept = || {
            matches!(
                semantic.value_step(*reference),
                ValueStep::Bound { .. } | ValueStep::Stored { .. }
            )
        };
        region.contains(span) && reference.id() != node.id() && !growing && !length && !kept()
    })
}

/// Whether the loop keeps another reference to the string while it grows it: `previous = s`,
/// `rows.append(s)`, `obj.x = s`.
fn is_shared_in_loop(semantic: &Semantic<'_>, loop_id: LoopId, binding: BindingId) -> bool {
    let region = semantic.loop_(loop_id).region;
    semantic
        .all_references(binding)
        .into_iter()
        .filter(|reference| region.contains(Span::from(*reference)))
        .any(|reference| match semantic.value_step(reference) {
            ValueStep::Bound { .. } | ValueStep::Stored { .. } => true,
            // Kept by a collection: `rows.append(s)`, `seen.add(s)`.
            ValueStep::Argument { call, .. } => semantic
                .callee(call)
                .and_then(|callee| callee.field("attribute"))
                .is_some_and(|method| {
                    matches!(semantic.text(method), "append" | "add" | "insert" | "extend")
                }),
            _ => false,
        })
}

/// The identifier grown by `x += ...` or `x = x + ...`.
fn concatenated_target<'t>(semantic: &Semantic<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let left = node.field("left")?;
    if left.kind() != "identifier" {
        return None;
    }
    let right = node.field("right")?;
    match node.kind() {
        "augmented_assignment_expression" | "augmented_assignment" => {
            let operator = node.field("operator").map(|o| semantic.text(o));
            (operator == Some("+=")).then_some(left)
        }
        _ => {
            // `s = s + piece` (also `s = s + a + b`, whose leftmost operand is `s`).
            let mut leftmost = unwrap(right);
            while matches!(leftmost.kind(), "binary_expression" | "binary_operator") {
                let operator = leftmost.field("operator").map(|o| semantic.text(o));
                if operator != Some("+") {
                    return None;
                }
                leftmost = unwrap(leftmost.field("left")?);
            }
            let grew = leftmost.id() != unwrap(right).id();
            (grew
                && leftmost.kind() == "identifier"
                && semantic.text(leftmost) == semantic.text(left))
            .then_some(left)
        }
    }
}

/// The statements that grow the string inside the loop (`s += x`, `s = s + x`), in source order.
fn growth_sites<'t>(
    semantic: &Semantic<'t>,
    loop_id: LoopId,
    binding: BindingId,
) -> Vec<Node<'t>> {
    let region = semantic.loop_(loop_id).region;
    let mut sites: Vec<Node<'t>> = semantic
        .writes(binding)
        .into_iter()
        .map(|write| write.node)
        .filter(|node| region.contains(Span::from(*node)))
        .filter(|node| concatenated_target(semantic, *node).is_some())
        .collect();
    sites.sort_by_key(|n| n.start_byte());
    sites
}

/// `s = ''` (any assignment that does not grow `s`) inside the loop: the string starts afresh every
/// iteration, so it never grows across iterations.
fn is_reset_per_iteration(
    semantic: &Semantic<'_>,
    loop_id: snag_core::semantic::LoopId,
    binding: snag_core::semantic::BindingId,
) -> bool {
    let region = semantic.loop_(loop_id).region;
    semantic.writes(binding).into_iter().any(|write| {
        matches!(write.node.kind(), "assignment_expression" | "assignment")
            && region.contains(Span::from(write.node))
            && concatenated_target(semantic, write.node).is_none()
    })
}

/// The whole statement, for the primary span (`s += x` without the `;`).
fn statement_span(node: Node<'_>) -> Span {
    Span::from(node)
}

/// Whether a binding is known to hold a string.
fn is_string_binding(semantic: &Semantic<'_>, id: snag_core::semantic::BindingId) -> bool {
    let binding = semantic.binding(id);
    if let Some(annotation) = binding.annotation {
        return is_string_type(semantic, annotation);
    }
    binding
        .value
        .is_some_and(|value| is_string_expression(semantic, value, 0))
}

/// `string`, `String`, `str`, `: string` (TypeScript annotations include the colon).
fn is_string_type(semantic: &Semantic<'_>, annotation: Node<'_>) -> bool {
    let text = semantic.text(annotation).trim_start_matches(':').trim();
    matches!(text, "string" | "String" | "str")
}

/// Whether an expression evaluates to a string.
fn is_string_expression(semantic: &Semantic<'_>, expression: Node<'_>, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "string" | "template_string" | "concatenated_string" => true,
        "binary_expression" | "binary_operator" => {
            let operator = expression.field("operator").map(|o| semantic.text(o));
            operator == Some("+")
                && [expression.field("left"), expression.field("right")]
                    .into_iter()
                    .flatten()
                    .any(|side| matches!(unwrap(side).kind(), "string" | "template_string"))
        }
        "call_expression" | "call" => {
            let Some(callee) = semantic.callee(expression) else {
                return false;
            };
            if let Some(name) = semantic.callee_name(expression) {
                if name.is_any(&["String", "str", "repr", "JSON.stringify"]) {
                    return true;
                }
            }
            let method = callee
                .field("property")
                .or_else(|| callee.field("attribute"))
                .map(|m| semantic.text(m));
            if matches!(
                method,
                Some(
                    "join"
                        | "toString"
                        | "toFixed"
                        | "format"
                        | "strip"
                        | "trim"
                        | "upper"
                        | "lower"
                        | "toUpperCase"
                        | "toLowerCase"
                )
            ) {
                return true;
            }
            // A call of a function declared to return a string.
            let Some(function) = semantic.called_function(expression) else {
                return false;
            };
            semantic
                .function(function)
                .return_type
                .is_some_and(|t| is_string_type(semantic, t))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{lines_of, lint_in_project};

    const RULE: &str = "string-concat-in-loop";

    /// `(line, severity)` of the rule's findings.
    fn severities(path: &str, source: &str) -> Vec<(u32, &'static str)> {
        lint_in_project(&[], path, source)
            .findings
            .iter()
            .filter(|f| &*f.diagnostic.rule == RULE)
            .map(|f| (f.range.start.line, f.diagnostic.severity.as_str()))
            .collect()
    }

    #[test]
    fn javascript_strings_read_in_the_loop_grow_quadratically() {
        let source = r#"
function checksum(rows: Row[], header: string) {
  let csv = 'id,total\n';
  let sum = 0;
  for (const row of rows) {
    csv += `${row.id},${row.total}\n`;
    sum += csv.charCodeAt(csv.length - 1);
  }
  rows.forEach((row) => { header = header + row.id; if (header.endsWith('x')) sum++; });
  let total = 0;
  for (const row of rows) { total += row.total; }
  for (const row of rows) { let line = ''; line += row.id; }
  return csv + header + sum;
}
"#;
        assert_eq!(
            severities("csv.ts", source),
            vec![(6, "warning"), (9, "warning")]
        );
    }

    #[test]
    fn javascript_ropes_speak_only_in_handlers_and_at_info() {
        // Appending to a string the loop does not read is linear in V8 (a rope): in a service function,
        // nothing to say; in a handler, the whole response is built in memory before it is sent.
        let service = r#"
export function toCsv(rows) {
  let csv = 'id,total\n';
  for (const row of rows) {
    csv += `${row.id},${row.total}\n`;
  }
  return csv + csv.length;
}
"#;
        assert!(lines_of(RULE, "csv.js", service).is_empty());
        let handler = r#"
const express = require('express');
const app = express();
app.get('/export', async (req, res) => {
  let csv = 'id,total\n';
  for (const row of await load()) {
    csv += `${row.id},${row.total}\n`;
  }
  res.send(csv);
});
"#;
        assert_eq!(severities("export.js", handler), vec![(7, "info")]);
    }

    #[test]
    fn python_strings_grown_in_loops() {
        let source = r#"
LOG = ""

def render(rows, title: str) -> str:
    out = f"<h1>{title}</h1>"
    for row in rows:
        out += "<tr>" + row.name + "</tr>"
    i = 0
    while i < 3:
        title = title + "!"
        i = i + 1
    items = []
    for row in rows:
        items += [row]
    return out

def pack(rows):
    data = b""
    for row in rows:
        data += row.encode()
    return data

def log_all(rows):
    global LOG
    for row in rows:
        LOG += row.name

def snapshots(rows):
    text = ""
    history = []
    for row in rows:
        history.append(text)
        text += row.name
    return history
"#;
        // A local `str` is resized in place by CPython: right but small. `bytes`, a global and a string
        // another reference holds are copied on every `+=`.
        assert_eq!(
            severities("render.py", source),
            vec![
                (7, "info"),
                (10, "info"),
                (20, "warning"),
                (26, "warning"),
                (33, "warning")
            ]
        );
        assert!(lines_of(RULE, "tests/test_render.py", source).is_empty());
    }

    #[test]
    fn strings_reset_every_iteration_stay_quiet() {
        let source = r#"
let classes = '';
for (const day of days) {
  classes = '';
  if (day.today) classes += ' today';
  cells.push(classes);
}
"#;
        assert!(lines_of(RULE, "calendar.js", source).is_empty());
    }

    #[test]
    fn unknown_types_stay_quiet() {
        let source = "function f(acc, xs) { for (const x of xs) { acc += x; } return acc; }\n";
        assert!(lines_of(RULE, "a.js", source).is_empty());
    }
}
