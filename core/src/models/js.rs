//! Models and relations declared in JavaScript and TypeScript: Sequelize, TypeORM, Mongoose, Bookshelf.

use super::FileModels;
use crate::semantic::Semantic;

/// Whether the text can declare a Sequelize, TypeORM or Mongoose model or association.
pub(super) fn may_define_models(text: &str) -> bool {
    text.contains("Schema")
        || text.contains("Entity")
        || text.contains("define")
        || text.contains("Model")
}

/// The models and associations the file declares.
pub(super) fn extract(_semantic: &Semantic<'_>) -> FileModels {
    FileModels::default()
}
