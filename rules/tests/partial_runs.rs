//! A run over named files sees the whole project (what pre-commit and editors do): every corpus file
//! linted alone reports exactly what the run over its whole project reports on it.

mod support;

use snag_core::config::Config;
use snag_core::engine::{Contribution, EngineOptions, FileStamp, IndexedFile, ModelCache};
use snag_core::project::{Project, ProjectOptions};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use support::{corpus_projects, corpus_root, relative};

/// The index pass's contributions of the full run, handed to the partial runs as a warm cache would.
struct Contributions(HashMap<PathBuf, (FileStamp, Contribution)>);

impl Contributions {
    fn of(indexed: &[IndexedFile]) -> Contributions {
        let entries = indexed.iter().map(|f| {
            let contribution = Contribution {
                models: f.models.clone(),
                summary: f.summary.clone(),
            };
            (f.path.clone(), (f.stamp, contribution))
        });
        Contributions(entries.collect())
    }
}

impl ModelCache for Contributions {
    fn lookup(&self, path: &Path, stamp: FileStamp) -> Option<Contribution> {
        let (stored, contribution) = self.0.get(path)?;
        (*stored == stamp).then(|| contribution.clone())
    }
}

fn open(root: &Path) -> Project {
    let options = ProjectOptions {
        no_ignore: true,
        force_exclude: false,
        nested_projects: false,
        threads: 2,
        engine: EngineOptions::default(),
    };
    let config = Config::default_at(root.to_path_buf());
    Project::new(
        &snag_rules::all(),
        config,
        root.to_path_buf(),
        root.to_path_buf(),
        options,
    )
}

type Shown = Vec<(u32, u32, String, String)>;

fn shown(findings: &[snag_core::Finding]) -> Shown {
    findings
        .iter()
        .map(|f| {
            let start = f.range.start;
            (
                start.line,
                start.column,
                f.diagnostic.rule.to_string(),
                f.diagnostic.message.clone(),
            )
        })
        .collect()
}

#[test]
fn every_corpus_file_linted_alone_reports_what_the_whole_project_reports_on_it() {
    let root = corpus_root();
    let mut differences = Vec::new();
    let mut needing_the_project = 0;
    let mut files = 0;
    for folder in corpus_projects(&root) {
        let full = open(&folder).check_uncached(&[]);
        let cache = Contributions::of(&full.indexed);
        let by_file: BTreeMap<&Path, Shown> = full
            .files
            .iter()
            .map(|f| (f.path.as_path(), shown(&f.findings)))
            .collect();
        for (path, expected) in &by_file {
            files += 1;
            let mut project = open(&folder);
            let (partial, _) =
                project.check(&[path.to_path_buf()], Some(&cache), |_| None::<NoResults>);
            let actual: Shown = partial
                .files
                .iter()
                .flat_map(|f| shown(&f.findings))
                .collect();
            if actual != *expected {
                differences.push(format!(
                    "{}: whole project {expected:?}, alone {actual:?}",
                    relative(path, &root)
                ));
            }
            // What the file reports with no project around it: the model index of itself only.
            let alone = snag_core::engine::Engine::new(
                &snag_rules::all(),
                &Config::default_at(folder.clone()),
            )
            .lint_paths(
                &[path.to_path_buf()],
                &support::corpus_walk(&Config::default(), &folder),
            );
            if alone
                .files
                .iter()
                .flat_map(|f| shown(&f.findings))
                .collect::<Shown>()
                != *expected
            {
                needing_the_project += 1;
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {files} files report otherwise when linted alone:\n{}",
        differences.len(),
        differences.join("\n")
    );
    // The test means something only if some files need other files' facts.
    assert!(
        needing_the_project >= 10,
        "only {needing_the_project} corpus files depend on the rest of their project"
    );
}

struct NoResults;

impl snag_core::engine::ResultCache for NoResults {
    fn lookup(&self, _: &Path, _: u64) -> Option<snag_core::engine::FileReport> {
        None
    }
}

#[test]
fn an_edited_or_removed_file_replaces_its_part_of_the_project() {
    let models = "from django.db import models\n\nclass Customer(models.Model):\n    name = models.CharField(max_length=50)\n\nclass Order(models.Model):\n    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)\n";
    let views = "from shop.models import Order\n\ndef names():\n    return [order.customer.name for order in Order.objects.all()]\n";
    let dir = std::env::temp_dir().join(format!("snag-upsert-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("shop")).unwrap();
    std::fs::write(dir.join("shop/models.py"), models).unwrap();
    std::fs::write(dir.join("shop/views.py"), views).unwrap();
    let (models_path, views_path) = (dir.join("shop/models.py"), dir.join("shop/views.py"));
    let mut project = open(&dir);
    let rules_of = |project: &mut Project| -> Vec<String> {
        let report = project.check_source(&views_path, views.as_bytes().to_vec());
        report
            .findings
            .iter()
            .map(|f| f.diagnostic.rule.to_string())
            .collect()
    };
    project.check_uncached(std::slice::from_ref(&views_path));
    assert_eq!(rules_of(&mut project), ["orm-lazy-load-in-loop"]);
    // The buffer no longer declares the relation: the view's finding goes, though the disk still has it.
    let edited = models.replace(
        "models.ForeignKey(Customer, on_delete=models.CASCADE)",
        "models.CharField(max_length=50)",
    );
    project.upsert(&models_path, &edited);
    assert!(rules_of(&mut project).is_empty());
    project.upsert(&models_path, models);
    assert_eq!(rules_of(&mut project), ["orm-lazy-load-in-loop"]);
    project.remove(&models_path);
    assert!(rules_of(&mut project).is_empty());
    assert_eq!(project.models().len(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}
