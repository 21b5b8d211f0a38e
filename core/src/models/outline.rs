//! The parts of a Python file the model index reads, found without parsing: the index pass parses only
//! them (tree-sitter's included ranges), so a 2,000-line model module with two models and fifty
//! methods costs the parse of its imports, its module-level assignments and its class bodies without
//! the methods.
//!
//! The scanner ([`scan::python::logical_lines`]) splits the file into logical lines (brackets, strings,
//! comments and `\` continuations respected); they are grouped into statements by indentation. Extraction reads classes only: their
//! headers, the assignments of their bodies, their `class Meta` and their `@declared_attr` methods
//! (`python.rs`, `Members::of`). So left out are:
//! - functions and methods, except `@declared_attr` methods and functions that define a class (a model
//!   made by a factory function); a class made only of such methods keeps the shortest, so that its
//!   body is not empty;
//! - module-level classes whose deciding parts (decorators, header, members other than the methods
//!   left out and list or dict assignments) cannot declare a model ([`python::may_define_models`]),
//!   unless they derive from a kept class of the file or a kept class derives from them (a class's
//!   kind depends on its bases' kinds). A Django migration's `operations = [...]` names model fields
//!   but declares no model.
//!
//! Everything else (imports, assignments, `if`/`try` blocks) is kept whole, unless no kept statement
//! holds a class: then the file has nothing to extract and is not parsed at all ([`Parts::Nothing`]).
//! The extraction sees the same classes with the same members, so it finds the same models (the
//! prefilter soundness tests compare the findings with this on and off).

use super::python;
use crate::frameworks::sqlalchemy;
use crate::scan::{self, python::Definition};
use tree_sitter::{Point, Range};

/// What of a file the model index needs parsed.
#[derive(Debug, PartialEq)]
pub enum Parts {
    /// The whole file.
    Whole,
    /// These ranges (tree-sitter's included ranges).
    Ranges(Vec<Range>),
    /// Nothing: no class of the file can declare a model, so extraction would find nothing.
    Nothing,
}

/// The parts of `text` the model index needs.
pub(super) fn python_index_ranges(text: &str) -> Parts {
    let lines = logical_lines(text.as_bytes());
    let statements = block_statements(&lines, 0..lines.len(), 0);
    let defines_class = |lines: &[LogicalLine]| lines.iter().any(|l| l.word == Word::Class);
    // A definition extraction reads: a `@declared_attr` method, or one that defines a class.
    let needed_def = |statement: &Statement| {
        let own = &lines[statement.lines.clone()];
        let decorators = &lines[statement.lines.start..statement.header];
        defines_class(own)
            || decorators
                .iter()
                .any(|d| text[d.start..d.end].contains(sqlalchemy::DECLARED_ATTR))
    };
    let outlines: Vec<Option<ClassOutline>> = statements
        .iter()
        .map(|s| (s.word == Word::Class).then(|| ClassOutline::of(text, &lines, s, &needed_def)))
        .collect();
    // A class can declare a model only if what extraction reads of it names a model base, a field...
    let can_declare = |outline: &ClassOutline| {
        outline
            .read
            .iter()
            .any(|run| python::may_define_models(run_text(text, &lines, run.clone())))
    };
    // Which module-level statements are kept. A class's kind depends on the kinds of the classes of the
    // file it derives from, and theirs on it: the subclasses and the bases of kept classes join, until
    // none does.
    let mut kept: Vec<bool> = statements
        .iter()
        .zip(&outlines)
        .map(|(s, outline)| match s.word {
            Word::Def => needed_def(s),
            Word::Class => outline.as_ref().is_some_and(can_declare),
            Word::Other | Word::Decorator | Word::Blank => true,
        })
        .collect();
    loop {
        let kept_classes: Vec<&str> = statements
            .iter()
            .zip(&kept)
            .filter(|(s, k)| **k && s.word == Word::Class)
            .filter_map(|(s, _)| class_name(text, &lines[s.header]))
            .collect();
        let kept_bases: Vec<&LogicalLine> = statements
            .iter()
            .zip(&kept)
            .filter(|(s, k)| **k && s.word == Word::Class)
            .map(|(s, _)| &lines[s.header])
            .collect();
        let mut changed = false;
        for (statement, keep) in statements.iter().zip(kept.iter_mut()) {
            if *keep || statement.word != Word::Class {
                continue;
            }
            let header = &lines[statement.header];
            let is_base = || {
                class_name(text, header).is_some_and(|name| {
                    kept_bases
                        .iter()
                        .any(|kept| derives_from_any(text, kept, &[name]))
                })
            };
            if derives_from_any(text, header, &kept_classes) || is_base() {
                *keep = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Extraction reads classes only. A kept statement that is not a class holds one only if one of its
    // logical lines starts with `class` (a block, a class factory: Python allows no compound statement
    // after a colon on the same line); when none does, the file has nothing to extract.
    let holds_class = |s: &Statement| defines_class(&lines[s.lines.clone()]);
    if !statements
        .iter()
        .zip(&kept)
        .any(|(s, k)| *k && holds_class(s))
    {
        return Parts::Nothing;
    }
    let mut included: Vec<std::ops::Range<usize>> = Vec::new();
    for ((statement, keep), outline) in statements.iter().zip(&kept).zip(&outlines) {
        if !*keep {
            continue;
        }
        match outline {
            Some(outline) => included.extend(outline.parsed.iter().cloned()),
            None => included.push(statement.lines.clone()),
        }
    }
    let ranges = to_ranges(text, &lines, &included);
    if matches!(&ranges[..], [r] if r.start_byte == 0 && r.end_byte == text.len()) {
        Parts::Whole
    } else {
        Parts::Ranges(ranges)
    }
}

/// The parts of a Python module that tell whether its module-level functions `names` run a query on
/// every call ([`per_call`](super::per_call)): everything at module level but definitions (imports,
/// clients, sessions), the functions named, and the module's other functions whose names the kept
/// ones mention (the functions they call), as far as that reaches; for names the module only
/// imports (a package's re-export), just those imports. The other functions and the classes of a
/// 3,000-line module are not parsed.
pub(crate) fn python_function_ranges(text: &str, names: &[&str]) -> Parts {
    let contains_word =
        |text: &str, word: &str| scan::contains_word(text.as_bytes(), word.as_bytes());
    let lines = logical_lines(text.as_bytes());
    let statements = block_statements(&lines, 0..lines.len(), 0);
    let name_of = |statement: &Statement| {
        let header = &lines[statement.header];
        let code = text[header.start..header.end].trim_start();
        let code = code.strip_prefix("async").map_or(code, str::trim_start);
        let rest = code
            .strip_prefix("def")
            .or_else(|| code.strip_prefix("class"))?
            .trim_start();
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    };
    let is_definition = |s: &Statement| matches!(s.word, Word::Def | Word::Class);
    let text_of = |s: &Statement| match (lines.get(s.lines.start), s.lines.end.checked_sub(1)) {
        (Some(first), Some(last)) if last >= s.lines.start => &text[first.start..lines[last].end],
        _ => "",
    };
    let mut kept: Vec<bool> = statements.iter().map(|s| !is_definition(s)).collect();
    // The functions asked about (a class called is constructed, which is no query helper).
    let mut wanted: Vec<usize> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.word == Word::Def && name_of(s).is_some_and(|n| names.contains(&n)))
        .map(|(i, _)| i)
        .collect();
    // A name the module only imports may be exported again (a package's `from .x import name`): then
    // the imports that name it are all that is read.
    if wanted.is_empty() {
        let imports: Vec<std::ops::Range<usize>> = statements
            .iter()
            .filter(|s| {
                let code = text_of(s).trim_start();
                (code.starts_with("from") || code.starts_with("import"))
                    && names.iter().any(|n| contains_word(code, n))
            })
            .map(|s| s.lines.clone())
            .collect();
        if imports.is_empty() {
            return Parts::Nothing;
        }
        return Parts::Ranges(to_ranges(text, &lines, &imports));
    }
    while let Some(index) = wanted.pop() {
        if std::mem::replace(&mut kept[index], true) {
            continue;
        }
        let body = text_of(&statements[index]);
        // The functions it calls (the query may be in one); classes are not followed: a model's
        // name is known to the model index, and a method is not a module's function.
        for (other, candidate) in statements.iter().enumerate() {
            if kept[other] || candidate.word != Word::Def {
                continue;
            }
            if name_of(candidate).is_some_and(|n| contains_word(body, n)) {
                wanted.push(other);
            }
        }
    }
    let included: Vec<std::ops::Range<usize>> = statements
        .iter()
        .zip(&kept)
        .filter(|(_, keep)| **keep)
        .map(|(s, _)| s.lines.clone())
        .collect();
    let ranges = to_ranges(text, &lines, &included);
    if ranges.is_empty() {
        return Parts::Nothing;
    }
    if matches!(&ranges[..], [r] if r.start_byte == 0 && r.end_byte == text.len()) {
        Parts::Whole
    } else {
        Parts::Ranges(ranges)
    }
}

/// What the index reads and parses of a class (runs of logical lines).
struct ClassOutline {
    /// What decides whether it can declare a model: its decorators and header, and its members but the
    /// methods left out and the lists and dicts (`operations = [...]` of a migration). Extraction
    /// judges a class by its bases, decorators, and members assigned a call or annotated: a list or
    /// dict never makes one a model (they are parsed all the same when the class is kept).
    read: Vec<std::ops::Range<usize>>,
    /// What is parsed when the class is kept: what is read, and, when every member is a dropped method,
    /// the shortest of them, so that the body is not empty.
    parsed: Vec<std::ops::Range<usize>>,
}

impl ClassOutline {
    fn of(
        text: &str,
        lines: &[LogicalLine],
        class: &Statement,
        needed_def: &impl Fn(&Statement) -> bool,
    ) -> ClassOutline {
        let head = class.lines.start..class.header + 1;
        let body = class.header + 1..class.lines.end;
        let first_member = lines[body.clone()].iter().find(|l| l.word != Word::Blank);
        let Some(indent) = first_member.map(|l| l.indent) else {
            // `class A(B): pass` on one line: all of it.
            return ClassOutline {
                read: vec![class.lines.clone()],
                parsed: vec![class.lines.clone()],
            };
        };
        let members = block_statements(lines, body, indent);
        let dropped = |m: &Statement| m.word == Word::Def && !needed_def(m);
        let mut read = vec![head];
        read.extend(
            members
                .iter()
                .filter(|m| !dropped(m) && !assigns_display(text, &lines[m.header]))
                .map(|m| m.lines.clone()),
        );
        let mut parsed = vec![read[0].clone()];
        parsed.extend(
            members
                .iter()
                .filter(|m| !dropped(m))
                .map(|m| m.lines.clone()),
        );
        if parsed.len() == 1 {
            let shortest = members
                .iter()
                .min_by_key(|m| run_text(text, lines, m.lines.clone()).len());
            parsed.extend(shortest.map(|m| m.lines.clone()));
        }
        ClassOutline { read, parsed }
    }
}

/// Whether a logical line assigns a list or dict display to a name (`operations = [`, `x = {`).
fn assigns_display(text: &str, line: &LogicalLine) -> bool {
    let rest = text[line.start..line.end].trim_start();
    let name = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let Some(value) = rest[name..].trim_start().strip_prefix('=') else {
        return false;
    };
    name > 0 && !value.starts_with('=') && value.trim_start().starts_with(['[', '{'])
}

/// The text of a run of logical lines.
fn run_text<'a>(text: &'a str, lines: &[LogicalLine], run: std::ops::Range<usize>) -> &'a str {
    let own = &lines[run];
    match (own.first(), own.last()) {
        (Some(first), Some(last)) => &text[first.start..last.end],
        _ => "",
    }
}

/// Byte ranges (with their points) of runs of logical lines, adjacent runs merged.
fn to_ranges(text: &str, lines: &[LogicalLine], runs: &[std::ops::Range<usize>]) -> Vec<Range> {
    let mut ranges: Vec<Range> = Vec::new();
    let mut points = Points::new(text.as_bytes());
    for run in runs.iter().filter(|r| !r.is_empty()) {
        let (first, last) = (&lines[run.start], &lines[run.end - 1]);
        match ranges.last_mut() {
            Some(previous) if previous.end_byte == first.start => {
                previous.end_byte = last.end;
                previous.end_point = points.at(last.end);
            }
            _ => ranges.push(Range {
                start_byte: first.start,
                end_byte: last.end,
                start_point: points.at(first.start),
                end_point: points.at(last.end),
            }),
        }
    }
    ranges
}

/// Tree-sitter points of byte offsets, asked for in increasing order (rows counted once).
struct Points<'b> {
    bytes: &'b [u8],
    /// The offset up to which newlines are counted, and how many there are before it.
    counted: usize,
    row: usize,
}

impl<'b> Points<'b> {
    fn new(bytes: &'b [u8]) -> Points<'b> {
        Points {
            bytes,
            counted: 0,
            row: 0,
        }
    }

    /// The point of `offset` (a line's end is the start of the next row).
    fn at(&mut self, offset: usize) -> Point {
        if offset < self.counted {
            (self.counted, self.row) = (0, 0);
        }
        self.row += memchr::memchr_iter(b'\n', &self.bytes[self.counted..offset]).count();
        self.counted = offset;
        Point::new(self.row, offset - scan::line_start(self.bytes, offset))
    }
}

/// What a logical line starts with, as far as the outline cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    Def,
    Class,
    /// A decorator: it belongs to the definition below it.
    Decorator,
    /// A blank or comment-only line: it belongs to the statement above it.
    Blank,
    Other,
}

/// One logical line: whole physical lines, from the start of its first to after its last newline.
#[derive(Debug)]
struct LogicalLine {
    start: usize,
    end: usize,
    indent: usize,
    word: Word,
}

/// A statement of a block: its logical lines, the line of its header (past decorators), and its word.
struct Statement {
    lines: std::ops::Range<usize>,
    header: usize,
    word: Word,
}

/// The statements of the block made of `lines[range]` whose statements start at `indent`.
fn block_statements(
    lines: &[LogicalLine],
    range: std::ops::Range<usize>,
    indent: usize,
) -> Vec<Statement> {
    let mut statements: Vec<Statement> = Vec::new();
    let mut decorators_from: Option<usize> = None;
    for index in range.clone() {
        let line = &lines[index];
        let starts = line.word != Word::Blank && line.indent == indent;
        if !starts {
            continue;
        }
        if line.word == Word::Decorator {
            decorators_from.get_or_insert(index);
            continue;
        }
        let start = decorators_from.take().unwrap_or(index);
        if let Some(previous) = statements.last_mut() {
            previous.lines.end = start;
        }
        statements.push(Statement {
            lines: start..range.end,
            header: index,
            word: line.word,
        });
    }
    // Lines before the first statement (a leading comment) join it; a block of only comments is one
    // statement kept whole.
    match statements.first_mut() {
        Some(first) => first.lines.start = range.start,
        None if !range.is_empty() => statements.push(Statement {
            header: range.start,
            lines: range,
            word: Word::Other,
        }),
        None => {}
    }
    statements
}

/// The class name of a `class Name(...)` header.
fn class_name<'a>(text: &'a str, header: &LogicalLine) -> Option<&'a str> {
    let line = text[header.start..header.end].trim_start();
    let rest = line.strip_prefix("class")?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Whether a class header's bases name one of `classes` (`class Child(Parent)`, `(models.Parent)`).
fn derives_from_any(text: &str, header: &LogicalLine, classes: &[&str]) -> bool {
    let line = &text[header.start..header.end];
    let Some(open) = line.find('(') else {
        return false;
    };
    line[open..]
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| classes.contains(&word))
}

/// Splits Python source into logical lines (the scanner's), with their first words.
fn logical_lines(bytes: &[u8]) -> Vec<LogicalLine> {
    scan::python::logical_lines(bytes)
        .map(|line| LogicalLine {
            start: line.start,
            end: line.end,
            indent: line.indent,
            word: first_word(&bytes[line.code..], line.last.is_none()),
        })
        .collect()
}

/// What a logical line whose code (past its indentation) is `code` starts with.
fn first_word(code: &[u8], blank: bool) -> Word {
    if blank {
        return Word::Blank;
    }
    if code.starts_with(b"@") {
        return Word::Decorator;
    }
    match scan::python::definition(code) {
        Some(Definition::Def) => Word::Def,
        Some(Definition::Class) => Word::Class,
        None => Word::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> String {
        match python_index_ranges(text) {
            Parts::Whole => text.to_string(),
            Parts::Nothing => String::new(),
            Parts::Ranges(ranges) => ranges
                .iter()
                .map(|r| &text[r.start_byte..r.end_byte])
                .collect(),
        }
    }

    #[test]
    fn a_query_answer_parses_the_functions_asked_and_what_they_mention() {
        let source = "\
from shop.models import Order
from .customers import customer_named

session = make_session()

def _base(number):
    return Order.objects.filter(number=number)

@lru_cache
def order_by_number(number):
    return _base(number).get()

def unrelated():
    return 1

class Report:
    pass
";
        let kept = |names: &[&str]| match python_function_ranges(source, names) {
            Parts::Whole => source.to_string(),
            Parts::Nothing => String::new(),
            Parts::Ranges(ranges) => ranges
                .iter()
                .map(|r| &source[r.start_byte..r.end_byte])
                .collect(),
        };
        let asked = kept(&["order_by_number"]);
        assert!(asked.contains("@lru_cache\ndef order_by_number") && asked.contains("def _base"));
        assert!(asked.contains("session = make_session()"));
        assert!(!asked.contains("def unrelated") && !asked.contains("class Report"));
        // A name only imported may be exported again: the import is read, nothing else.
        assert_eq!(
            kept(&["customer_named"]).trim_end(),
            "from .customers import customer_named"
        );
        // A class, or a name the module does not have: nothing to parse.
        assert!(kept(&["Report"]).is_empty());
        assert!(kept(&["missing"]).is_empty());
    }

    #[test]
    fn functions_and_methods_are_left_out_even_when_they_name_fields() {
        let source = "\
from django.db import models

def make_field():
    return models.ForeignKey('Customer', on_delete=models.CASCADE)

class Order(models.Model):
    customer = make_field()

    def clean(self):
        self.customer = models.ForeignKey('Other')
";
        let kept = kept(source);
        assert!(kept.contains("customer = make_field()"), "{kept}");
        assert!(!kept.contains("def make_field"), "{kept}");
        assert!(!kept.contains("def clean"), "{kept}");
    }

    #[test]
    fn methods_and_functions_that_declare_nothing_are_left_out() {
        let source = "\
from django.db import models

def helper():
    return 1

class Order(models.Model):
    customer = models.ForeignKey('Customer', on_delete=models.CASCADE)

    def total(self):
        return sum(i.price for i in self.items.all())

    @property
    def label(self):
        return f\"\"\"order
def not_a_def():
\"\"\" + str(self.pk)

    class Meta:
        ordering = ['-id']
";
        let kept = kept(source);
        assert!(kept.contains("from django.db import models"));
        assert!(kept.contains("customer = models.ForeignKey"));
        assert!(kept.contains("class Meta:\n        ordering"));
        assert!(!kept.contains("def helper"), "{kept}");
        assert!(!kept.contains("def total"), "{kept}");
        assert!(!kept.contains("@property"), "{kept}");
        assert!(!kept.contains("not_a_def"), "{kept}");
    }

    #[test]
    fn declaring_methods_factories_and_subclasses_of_kept_classes_stay() {
        let source = "\
class Base(DeclarativeBase):
    pass

class Plain:
    def method(self):
        return 1

class Child(Plain, Base):
    pass

class Unrelated:
    def method(self):
        return 2

class Mixin:
    @declared_attr
    def user(cls):
        return relationship('User')

def factory():
    class Made(Child):
        pass
    return Made
";
        let kept = kept(source);
        assert!(kept.contains("class Child(Plain, Base):"), "{kept}");
        assert!(kept.contains("return relationship('User')"), "{kept}");
        assert!(kept.contains("def factory():"), "{kept}");
        // A base of a kept class decides its kind too.
        assert!(kept.contains("class Plain:"), "{kept}");
        assert!(!kept.contains("class Unrelated:"), "{kept}");
    }

    /// The index a text contributes, parsed whole and in outline: the two must be equal.
    fn same_models_both_ways(source: &str) {
        let path = std::path::Path::new("app/models.py");
        let whole =
            crate::engine::Engine::models_of_text(crate::Language::Python, path, source, false);
        let outlined =
            crate::engine::Engine::models_of_text(crate::Language::Python, path, source, true);
        assert!(whole.as_ref().is_some_and(|m| !m.models.is_empty()));
        assert_eq!(whole, outlined, "{source}");
    }

    #[test]
    fn outlined_extraction_finds_what_whole_extraction_finds() {
        let source = r#""""Models."""
from django.db import models
from sqlalchemy.orm import declared_attr, relationship, DeclarativeBase

if True:
    from django.conf import settings

def helper(x):
    return x

class Base(DeclarativeBase):
    pass

class Tagged:
    @declared_attr
    def tag(cls):
        return relationship('Tag')

class Post(Tagged, Base):
    __tablename__ = 'posts'
    author = relationship('User', lazy='select')

    def title(self):
        return '''
class Fake(models.Model):
    x = models.ForeignKey('Y')
'''

class Customer(models.Model):
	name = models.CharField(max_length=5)

	def __str__(self):
		return self.name

class Order(models.Model):
    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,  # (a comment with a bracket
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE); note = 1

    @property
    def total(self): return 1
    class Meta:
        ordering = ['-id']
class Proxy(Order):
    class Meta:
        proxy = True"#;
        same_models_both_ways(source);
        same_models_both_ways(&source.replace('\n', "\r\n"));
        same_models_both_ways(&format!("{source}\n\x0c\n# the end\n"));
        // An unterminated string at the end leaves the rest of the file to it, in both.
        same_models_both_ways(&format!("{source}\n\ndef broken():\n    return '''oops\n"));
    }

    #[test]
    fn a_file_whose_classes_cannot_declare_a_model_needs_no_parse() {
        // Model words inside methods and module-level data are not what extraction reads.
        let source = "\
NAMES = {'Model': 'Pixel', 'Meta': 'x'}

class Storage(Base):
    def rows(self):
        return Model.objects.filter(name=models.CharField())

def helper():
    return relationship('User')
";
        assert_eq!(python_index_ranges(source), Parts::Nothing);
        let path = std::path::Path::new("app/storage.py");
        let whole =
            crate::engine::Engine::models_of_text(crate::Language::Python, path, source, false);
        assert_eq!(whole, None, "the whole file declares no model either");
    }

    #[test]
    fn a_migration_names_fields_but_needs_no_parse() {
        let source = "\
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [('shop', '0001_initial')]
    operations = [
        migrations.CreateModel(
            name='Order',
            fields=[('id', models.AutoField(primary_key=True)), ('total', models.IntegerField())],
        ),
    ]
";
        assert_eq!(python_index_ranges(source), Parts::Nothing);
        // A model whose list is not what makes it one is still read, list included.
        let model = "\
from django.db import models

class Order(models.Model):
    CHOICES = [('a', 'A')]
    state = models.CharField(choices=CHOICES)
";
        assert_eq!(python_index_ranges(model), Parts::Whole);
    }

    #[test]
    fn a_model_made_only_of_methods_keeps_its_shortest_one() {
        let source = "\
from django.db import models

class Plain(models.Model):
    def long_one(self):
        total = 0
        for i in range(10):
            total += i
        return total

    def short(self): return 1

class Child(Plain):
    name = models.CharField(max_length=10)
";
        let kept = kept(source);
        assert!(kept.contains("def short(self): return 1"), "{kept}");
        assert!(!kept.contains("long_one"), "{kept}");
        same_models_both_ways(source);
    }

    #[test]
    fn a_file_that_needs_everything_is_parsed_whole() {
        let source = "import x\n\nclass A(models.Model):\n    name = models.CharField()\n";
        assert_eq!(python_index_ranges(source), Parts::Whole);
    }

    #[test]
    fn brackets_continuations_and_strings_do_not_split_statements() {
        let source = "x = (\n1,\n)\ny = 'a#b' \\\n  + \"c\"\ndef f(\na,\n): pass\n";
        let lines = logical_lines(source.as_bytes());
        let row = |offset: usize| source[..offset].matches('\n').count();
        let starts: Vec<usize> = lines.iter().map(|l| row(l.start)).collect();
        assert_eq!(starts, [0, 3, 5]);
        assert_eq!(lines[2].word, Word::Def);
        assert_eq!(row(lines[2].end), 8);
        // Points: the start of a line, the start of the row after a line's end, or the end of the text.
        let mut points = Points::new(source.as_bytes());
        assert_eq!(points.at(lines[1].start), Point::new(3, 0));
        assert_eq!(points.at(lines[2].end), Point::new(8, 0));
        assert_eq!(points.at(3), Point::new(0, 3));
        assert_eq!(Points::new(b"a\nbc").at(4), Point::new(1, 2));
    }
}
