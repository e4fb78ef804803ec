//! What the rule families share, one concern per module. Any family may use any module; no
//! family imports from another family.
//!
//! - [`tables`]: finding a table (exactly one, not summarised), units over one table or a
//!   pair, row labels and names, columns, the labelled rows of the summary tables.
//! - [`cells`]: a printed amount with its location ([`cells::Amt`], [`cells::cell`]).
//! - [`tally`]: comparing printed figures through the one tolerance model, and reporting.
//! - [`numbers`]: number formatting for messages.
//! - [`classes`]: the 功能分类 / 经济分类 code tree and the 类 names.
//! - [`san_gong`]: the columns and cells of the 三公 table.
//! - [`prose`]: the lines of a final account outside its tables, segmented by
//!   [`jixiao_parse::prose`] into paragraphs, sentences, counts with units.
//! - [`sections`]: which section of the 情况说明 a line belongs to; subjects folded for
//!   comparison.
//! - [`printed_numbers`]: numbers printed on a line, found again by value.
//! - [`figures`]: the amounts the narrative states, with their subjects.
//! - [`binding`]: the table cell a prose figure restates, and the comparison.
//! - [`completion`]: the budget-completion items (`年初预算为A…支出决算为B…完成年初预算的Y%`).
//! - [`growth`]: percentages and growth rates of the prose.

pub(crate) mod binding;
pub(crate) mod cells;
pub(crate) mod classes;
pub(crate) mod completion;
pub(crate) mod figures;
pub(crate) mod growth;
pub(crate) mod numbers;
pub(crate) mod printed_numbers;
pub(crate) mod prose;
pub(crate) mod san_gong;
pub(crate) mod sections;
pub(crate) mod tables;
pub(crate) mod tally;
