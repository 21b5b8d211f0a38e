//! What runs a piece of code: the request path, a background job, start-up, a one-off migration, a
//! command line, a test, a browser, or callers snag cannot see. Every finding carries its context, and
//! each rule speaks only in the contexts configured for it ([`Contexts::DEFAULT`] unless configured):
//! a per-request cost in a migration or in a vendored browser library is not one a team acts on.
//!
//! The file's kind ([`FileKind`]) decides for whole files (tests, migrations, command-line programs,
//! build tooling, browser code); in application code the place decides: handler code, a worker's task,
//! start-up code, or unknown (a service function whose callers are in other files: most real N+1
//! queries sit there, so unknown is not a licence to be quiet).

use super::{FileKind, Semantic, ValueStep};
use crate::fields::NodeFields;
use crate::frameworks::{calls, queues};
use tree_sitter::Node;

/// What runs a piece of code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Code that runs per request: a handler or what only handlers call.
    Request,
    /// A background job: a task a worker runs (Celery, RQ, Huey, Dramatiq).
    Job,
    /// Code that runs once while the program starts: module level, loaders, app setup.
    StartUp,
    /// Code whose callers snag cannot see (an exported service function).
    Unknown,
    /// Code run once by hand or by a deploy: migrations and seeds.
    OneOff,
    /// A command-line program or build tooling.
    CommandLine,
    /// A test.
    Test,
    /// Code served to browsers (vendored libraries and front-end scripts in `static/`, `public/`).
    Browser,
}

impl Context {
    /// Every context, in order.
    pub const ALL: [Context; 8] = [
        Context::Request,
        Context::Job,
        Context::StartUp,
        Context::Unknown,
        Context::OneOff,
        Context::CommandLine,
        Context::Test,
        Context::Browser,
    ];

    /// The id used in configuration and in the JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Context::Request => "request",
            Context::Job => "job",
            Context::StartUp => "start-up",
            Context::Unknown => "unknown",
            Context::OneOff => "one-off",
            Context::CommandLine => "command-line",
            Context::Test => "test",
            Context::Browser => "browser",
        }
    }

    /// The context with this id.
    pub fn from_id(id: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The context of every line of a file of this kind; `None` for application code, where the place
    /// decides ([`Semantic::context_at`]).
    pub fn of_file_kind(kind: FileKind) -> Option<Context> {
        match kind {
            FileKind::Application => None,
            FileKind::Test => Some(Context::Test),
            FileKind::Migration | FileKind::Seed => Some(Context::OneOff),
            FileKind::CommandLine | FileKind::BuildTooling => Some(Context::CommandLine),
            FileKind::Browser => Some(Context::Browser),
        }
    }

    /// The context of code that runs in all of `contexts`, taken at its hottest: a cache written both
    /// in a handler and at start-up costs on the request path.
    pub fn hottest(contexts: impl IntoIterator<Item = Context>) -> Option<Context> {
        contexts.into_iter().min_by_key(|c| c.heat())
    }

    /// How often code of this context runs, hottest first.
    fn heat(self) -> u8 {
        match self {
            Context::Request => 0,
            Context::Job => 1,
            Context::Unknown => 2,
            Context::StartUp => 3,
            Context::OneOff => 4,
            Context::CommandLine => 5,
            Context::Test => 6,
            Context::Browser => 7,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of contexts: where a rule speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Contexts(u8);

impl Contexts {
    /// Where a rule about per-request or per-row costs speaks unless configured otherwise: the request
    /// path, background jobs and code whose callers are unknown.
    pub const DEFAULT: Contexts = Contexts(1 | 1 << 1 | 1 << 3);

    /// Every context.
    pub const ALL: Contexts = Contexts(u8::MAX);

    /// The set of `contexts`.
    pub fn of(contexts: &[Context]) -> Contexts {
        Contexts(contexts.iter().fold(0, |bits, c| bits | c.bit()))
    }

    /// Whether the set holds `context`.
    pub fn contains(self, context: Context) -> bool {
        self.0 & context.bit() != 0
    }

    /// The contexts of the set, in order.
    pub fn iter(self) -> impl Iterator<Item = Context> {
        Context::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl Semantic<'_> {
    /// The context of the whole file, when its kind decides it (tests, migrations, command-line programs,
    /// browser code).
    pub fn file_context(&self) -> Option<Context> {
        Context::of_file_kind(self.file_kind())
    }

    /// What runs `node`: the file's context when its kind decides, else handler code (request), what the
    /// configuration declares for a function around it (`[[functions]]`), a worker's task (job),
    /// start-up code or module level (start-up), or unknown.
    pub fn context_at(&self, node: Node<'_>) -> Context {
        if let Some(context) = self.file_context() {
            return context;
        }
        if self.is_handler_code(node) {
            return Context::Request;
        }
        // `[[functions]]` of the configuration: the innermost declared function around it.
        if let Some(context) = self
            .enclosing_functions(node)
            .find_map(|id| self.function(id).declared)
        {
            return context;
        }
        if self.in_job(node) {
            return Context::Job;
        }
        if self.function_at(node).is_none() || self.is_startup_code(node) {
            return Context::StartUp;
        }
        Context::Unknown
    }

    /// Whether `node` runs in a queue worker's task: a function decorated as a task (`@shared_task`,
    /// `@app.task(...)`, `@dramatiq.actor`, `@job`, `@huey.db_task()`) or a BullMQ processor (`new
    /// Worker('emails', async (job) => { ... })`). Such code may also be called from a handler of the file.
    pub fn in_job(&self, node: Node<'_>) -> bool {
        self.enclosing_functions(node).any(|id| {
            let function = self.function(id).node;
            let decorators = self.decorators(function);
            if !decorators.is_empty() {
                return decorators.iter().any(|d| self.is_task_decorator(*d));
            }
            match self.value_step(function) {
                ValueStep::Argument { call, .. } => {
                    call.kind() == "new_expression"
                        && self.callee_name(call).is_some_and(|n| {
                            n.last() == queues::WORKER
                                && queues::MODULES.iter().any(|m| n.starts_with(m))
                        })
                }
                _ => false,
            }
        })
    }

    /// `@shared_task`, `@app.task(...)`, `@dramatiq.actor`: the last part of the decorator's callee (the
    /// app object of `@app.task` is the project's own, so its name is not resolved).
    fn is_task_decorator(&self, decorator: Node<'_>) -> bool {
        let expression = decorator.named_child(0).map(super::syntax::unwrap);
        let callee = match expression {
            Some(e) if matches!(e.kind(), "call" | "call_expression") => e.field("function"),
            other => other,
        };
        let text = callee.map_or("", |c| self.text(c));
        calls::is_task_decorator(text.rsplit('.').next().unwrap_or(text))
    }
}
