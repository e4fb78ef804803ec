//! Rules of this family (see crate::codes).
