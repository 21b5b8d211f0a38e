//! The built-in rules of snag, one file per rule. Each file holds the rule's documentation (its doc
//! comment), one `declare_rule!` with its metadata, its diagnostics, its `impl Rule` and its tests.
#![deny(missing_docs)]

#[macro_use]
mod macros;
mod eager_fix;
mod helpers;
mod provenance;
#[cfg(test)]
mod readme;
#[cfg(test)]
mod test_support;

/// Declares each rule's module and registers the rule, in catalogue order. Adding a rule is one line
/// here (`module::Rule,`), its file and its fixture; `scripts/new-rule ID` writes all three.
macro_rules! builtin_rules {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*

        /// Every built-in rule, in catalogue order.
        fn rules() -> Vec<std::sync::Arc<dyn snag_core::rule::Rule>> {
            vec![$(std::sync::Arc::new($module::$rule::new())),*]
        }
    };
}

builtin_rules! {
    sync_io_in_handler::SyncIoInHandler,
    read_file_sync::ReadFileSync,
    unbounded_concurrency::UnboundedConcurrency,
    string_concat_in_loop::StringConcatInLoop,
    query_in_loop::QueryInLoop,
    connection_per_request::ConnectionPerRequest,
    offload_to_queue::OffloadToQueue,
    unbounded_module_cache::UnboundedModuleCache,
    listener_in_handler::ListenerInHandler,
    orm_lazy_load_in_loop::OrmLazyLoadInLoop,
    missing_eager_loading::MissingEagerLoading,
    len_of_queryset::LenOfQueryset,
    unused_suppression::UnusedSuppression,
}

use snag_core::registry::RuleRegistry;

/// The registry of every built-in rule, in catalogue order.
pub fn all() -> RuleRegistry {
    RuleRegistry::with(rules())
        .unwrap_or_else(|error| panic!("a built-in rule is refused: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_takes_every_rule_and_docs_have_every_section() {
        // The registry refuses bad or duplicate ids and invalid declarations: building it is the check.
        let rules = all();
        assert_eq!(rules.len(), super::rules().len());
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
                "provenance",
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
