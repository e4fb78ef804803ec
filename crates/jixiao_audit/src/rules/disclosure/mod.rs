//! D: completeness and format of a 决算 disclosure (the nine tables present, empty-table
//! statements, 三公 details, percent signs, template residue, reasons for changes, figures
//! repeated in prose, units, doubled marks). Text helpers are in [`crate::rules::common::prose`].

mod change_without_reason;
mod doubled_mark_or_word;
mod empty_table_statement_mismatch;
mod percent_sign_missing;
mod percent_too_many_decimals;
mod prose_figure_repeated_differs;
mod san_gong_details_not_disclosed;
mod scope_word_inconsistent;
mod table_missing;
mod table_unit_missing;
mod template_residue;
mod year_differs_from_document_year;

pub use change_without_reason::ChangeWithoutReason;
pub use doubled_mark_or_word::DoubledMarkOrWord;
pub use empty_table_statement_mismatch::EmptyTableStatementMismatch;
pub use percent_sign_missing::PercentSignMissing;
pub use percent_too_many_decimals::PercentTooManyDecimals;
pub use prose_figure_repeated_differs::ProseFigureRepeatedDiffers;
pub use san_gong_details_not_disclosed::SanGongDetailsNotDisclosed;
pub use scope_word_inconsistent::ScopeWordInconsistent;
pub use table_missing::TableMissing;
pub use table_unit_missing::TableUnitMissing;
pub use template_residue::TemplateResidue;
pub use year_differs_from_document_year::YearDiffersFromDocumentYear;
