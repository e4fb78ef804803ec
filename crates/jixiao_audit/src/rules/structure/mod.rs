//! P: structure — what the reader could not understand.

mod unread_region;

pub use unread_region::UnreadRegion;
