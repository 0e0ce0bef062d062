//! What every declared table of the format is made of.

use std::ops::Range;

/// A value with the byte range in its file where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the file.
    pub span: Range<usize>,
}
