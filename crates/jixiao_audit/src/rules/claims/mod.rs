//! Rules of this family (see crate::codes).
//! C: numeric claims in prose (情况说明, per-project 绩效自评 sentences), recomputed and bound to
//! the tables and scoresheets of the same document by meaning. Shared machinery (sections,
//! figures, binding a figure to its cell) is in [`crate::rules::common`].

mod amount_differs_from_table;
mod budget_completion_item_mismatch;
mod change_restated_differently;
mod completion_rate_mismatch;
mod direction_word_contradicts_change;
mod growth_rate_mismatch;
mod item_name_differs_from_table;
mod itemised_sum_mismatch;
mod percent_on_zero_base;
mod project_execution_rate_mismatch;
mod project_figures_differ_from_scoresheet;
mod running_costs_differ_from_operating_costs;
mod share_mismatch;
mod totals_change_in_opposite_directions;

pub use amount_differs_from_table::AmountDiffersFromTable;
pub use budget_completion_item_mismatch::BudgetCompletionItemMismatch;
pub use change_restated_differently::ChangeRestatedDifferently;
pub use completion_rate_mismatch::CompletionRateMismatch;
pub use direction_word_contradicts_change::DirectionWordContradictsChange;
pub use growth_rate_mismatch::GrowthRateMismatch;
pub use item_name_differs_from_table::ItemNameDiffersFromTable;
pub use itemised_sum_mismatch::ItemisedSumMismatch;
pub use percent_on_zero_base::PercentOnZeroBase;
pub use project_execution_rate_mismatch::ProjectExecutionRateMismatch;
pub use project_figures_differ_from_scoresheet::ProjectFiguresDifferFromScoresheet;
pub use running_costs_differ_from_operating_costs::RunningCostsDifferFromOperatingCosts;
pub use share_mismatch::ShareMismatch;
pub use totals_change_in_opposite_directions::TotalsChangeInOppositeDirections;
