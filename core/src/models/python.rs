//! Models, relations and serializers declared in Python: Django, SQLAlchemy, Django REST framework.

use super::FileModels;
use crate::semantic::Semantic;

/// Whether the text can declare a Django or SQLAlchemy model or a DRF serializer.
pub(super) fn may_define_models(text: &str) -> bool {
    text.contains("Model") || text.contains("relationship") || text.contains("Serializer")
}

/// The models, relations and serializers the file declares.
pub(super) fn extract(_semantic: &Semantic<'_>) -> FileModels {
    FileModels::default()
}
