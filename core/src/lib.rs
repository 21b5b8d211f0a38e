//! The snag engine: files in, findings out.
//!
//! Discovery ([`discover`]) finds the files; the [`engine::Engine`] reads, prefilters and parses each one
//! once, builds its [`semantic::Semantic`] model in the same walk that collects the nodes rules asked for,
//! dispatches those nodes to the [`rule::Rule`]s, applies suppressions and returns positioned
//! [`diagnostic::Finding`]s. The core knows nothing of terminals, JSON, LSP or WebAssembly.
#![deny(missing_docs)]

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod fields;
pub mod fix;
pub mod frameworks;
pub mod generated;
pub mod graph;
pub mod language;
pub mod models;
pub mod module_map;
pub mod prefilter;
pub mod project;
pub mod registry;
pub mod rule;
pub mod scan;
pub mod semantic;
pub mod source;
pub mod suppression;
pub mod trigger;

pub use diagnostic::{Applicability, Diagnostic, Edit, Finding, Fix, Label, Range, Severity, Span};
pub use fields::NodeFields;
pub use language::{Language, LanguageFamily};
