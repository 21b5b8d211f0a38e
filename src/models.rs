//! `snag models`: the project-wide model index, as the N+1 rules see it. A user who wonders why a
//! relation was (or was not) reported checks here first.

use crate::cli::{ListFormat, ModelsArgs};
use crate::output::{self, display_path};
use crate::{json, Status};
use serde::Serialize;
use snag_core::config::Config;
use snag_core::discover::WalkOptions;
use snag_core::engine::{Engine, EngineOptions};
use snag_core::models::{Cardinality, Loading, Model, ModelIndex, Relation};
use snag_core::source::LineIndex;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct JsonModel<'a> {
    name: &'a str,
    orm: &'static str,
    path: String,
    line: u32,
    is_abstract: bool,
    relations: Vec<JsonRelation<'a>>,
}

#[derive(Serialize)]
struct JsonRelation<'a> {
    name: &'a str,
    target: &'a str,
    cardinality: &'static str,
    loading: &'static str,
    reverse: bool,
}

/// Runs `snag models`.
pub(crate) fn list(args: &ModelsArgs) -> Status {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            output::error(&format!("cannot read the current folder: {e}"));
            return Status::Failure;
        }
    };
    let rules = snag_rules::all();
    let known: Vec<&str> = rules.iter().map(|r| r.meta().id.as_str()).collect();
    let config = match Config::discover(&cwd, &known) {
        Ok(config) => config,
        Err(e) => {
            output::error(&e.to_string());
            return Status::Failure;
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        output::error(&format!("{}: no such file or folder", missing.display()));
        return Status::Failure;
    }
    let walk = WalkOptions {
        exclude: config.exclusions(),
        root: config.root.clone(),
        no_ignore: args.no_ignore,
        threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        force_exclude: false,
        nested_projects: false,
    };
    let engine = Engine::new(&rules, &config).with_options(EngineOptions {
        prefilter: !args.no_prefilter,
        max_file_size: config.max_file_size,
        ..EngineOptions::default()
    });
    let workset = engine.index_project(&paths, &walk);
    let index = &workset.models;
    let mut lines = LineCache::default();
    let bytes = match args.format {
        ListFormat::Json => {
            let rows: Vec<JsonModel<'_>> = index
                .models()
                .iter()
                .map(|model| JsonModel {
                    name: &model.name,
                    orm: model.orm.as_str(),
                    path: display_path(&model.path, &cwd),
                    line: lines.line(&model.path, model.span.start),
                    is_abstract: model.is_abstract,
                    relations: model
                        .relations
                        .iter()
                        .map(|r| JsonRelation {
                            name: &r.name,
                            target: &r.target,
                            cardinality: cardinality(r),
                            loading: loading(r),
                            reverse: r.reverse,
                        })
                        .collect(),
                })
                .collect();
            match json::to_bytes(&rows) {
                Ok(bytes) => bytes,
                Err(e) => {
                    output::error(&format!("cannot write JSON: {e}"));
                    return Status::Failure;
                }
            }
        }
        ListFormat::Human => human(index, &cwd, &mut lines).into_bytes(),
    };
    if output::stdout(&bytes) {
        Status::Clean
    } else {
        Status::Failure
    }
}

fn human(index: &ModelIndex, cwd: &Path, lines: &mut LineCache) -> String {
    let mut text = String::new();
    for model in index.models() {
        let _ = writeln!(
            text,
            "{} ({}{}) {}:{}",
            model.name,
            model.orm.as_str(),
            if model.is_abstract { ", abstract" } else { "" },
            display_path(&model.path, cwd),
            lines.line(&model.path, model.span.start)
        );
        for relation in &model.relations {
            let _ = writeln!(text, "  {}", describe(model, relation));
        }
    }
    let relations: usize = index.models().iter().map(|m| m.relations.len()).sum();
    let _ = writeln!(
        text,
        "{}, {}, {}",
        output::count(index.len(), "model", "models"),
        output::count(relations, "relation", "relations"),
        output::count(index.serializers().len(), "serializer", "serializers")
    );
    text
}

fn describe(_model: &Model, relation: &Relation) -> String {
    format!(
        "{} -> {} ({}, {}{})",
        relation.name,
        relation.target,
        cardinality(relation),
        loading(relation),
        if relation.reverse { ", reverse" } else { "" }
    )
}

fn cardinality(relation: &Relation) -> &'static str {
    match relation.cardinality {
        Cardinality::One => "to-one",
        Cardinality::Many => "to-many",
    }
}

fn loading(relation: &Relation) -> &'static str {
    match relation.loading {
        Loading::Lazy => "lazy",
        Loading::Eager => "eager",
        Loading::Dynamic => "dynamic",
        Loading::Never => "never loads",
    }
}

/// Line numbers of byte offsets, reading each file once.
#[derive(Default)]
struct LineCache {
    files: HashMap<PathBuf, Option<(String, LineIndex)>>,
}

impl LineCache {
    fn line(&mut self, path: &Path, offset: usize) -> u32 {
        let entry = self.files.entry(path.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(path).ok()?;
            let index = LineIndex::new(&text);
            Some((text, index))
        });
        entry
            .as_ref()
            .map_or(0, |(_, index)| index.line_of(offset) as u32 + 1)
    }
}
