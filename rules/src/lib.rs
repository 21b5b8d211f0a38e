//! The built-in rules of snag, one file per rule. Each file holds the rule's documentation (its doc
//! comment), one `declare_rule!` with its metadata, its diagnostics, its `impl Rule` and its tests.
#![deny(missing_docs)]

#[macro_use]
mod macros;
mod eager_fix;
mod helpers;
#[cfg(test)]
mod readme;
#[cfg(test)]
mod test_support;

mod connection_per_request;
mod len_of_queryset;
mod listener_in_handler;
mod missing_eager_loading;
mod offload_to_queue;
mod orm_lazy_load_in_loop;
mod query_in_loop;
mod read_file_sync;
mod string_concat_in_loop;
mod sync_io_in_handler;
mod unbounded_concurrency;
mod unbounded_module_cache;
mod unused_suppression;

use snag_core::rule::Rule;
use std::sync::Arc;

/// Every built-in rule, in catalogue order.
pub fn all() -> Vec<Arc<dyn Rule>> {
    vec![
        Arc::new(sync_io_in_handler::SyncIoInHandler::new()),
        Arc::new(read_file_sync::ReadFileSync::new()),
        Arc::new(unbounded_concurrency::UnboundedConcurrency::new()),
        Arc::new(string_concat_in_loop::StringConcatInLoop::new()),
        Arc::new(query_in_loop::QueryInLoop::new()),
        Arc::new(connection_per_request::ConnectionPerRequest::new()),
        Arc::new(offload_to_queue::OffloadToQueue::new()),
        Arc::new(unbounded_module_cache::UnboundedModuleCache::new()),
        Arc::new(listener_in_handler::ListenerInHandler::new()),
        Arc::new(orm_lazy_load_in_loop::OrmLazyLoadInLoop::new()),
        Arc::new(missing_eager_loading::MissingEagerLoading::new()),
        Arc::new(len_of_queryset::LenOfQueryset::new()),
        Arc::new(unused_suppression::UnusedSuppression::new()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_docs_have_every_section() {
        let rules = all();
        let mut ids: Vec<&str> = rules.iter().map(|r| r.meta().id.as_str()).collect();
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.starts_with('-'),
                "{id} is not kebab-case"
            );
        }
        for rule in &rules {
            let meta = rule.meta();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## Stays quiet on",
            ] {
                assert!(meta.docs.contains(section), "{} lacks `{section}`", meta.id);
            }
            assert!(!meta.summary.is_empty(), "{} has no summary", meta.id);
        }
        ids.sort();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate rule ids");
    }

    #[test]
    fn every_rule_is_declared_validly() {
        for rule in all() {
            assert_eq!(rule.meta().validate(), Ok(()), "{}", rule.meta().id);
        }
    }

    #[test]
    fn every_rule_file_is_registered() {
        let registered: Vec<String> = all()
            .iter()
            .map(|r| r.meta().id.replace('-', "_"))
            .collect();
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            if [
                "lib",
                "macros",
                "helpers",
                "eager_fix",
                "readme",
                "test_support",
            ]
            .contains(&stem.as_str())
            {
                continue;
            }
            assert!(
                registered.contains(&stem),
                "rules/src/{stem}.rs is not registered in all()"
            );
        }
    }
}
