//! The concepts of model declarations, and lookups over every ORM module's model data: how models, fields
//! and relations are declared.
