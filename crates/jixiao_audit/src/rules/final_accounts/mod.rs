//! F: final-accounts table identities (部门决算: the nine tables, within and across tables).
//! Shared machinery (finding tables, reading cells, the tolerance model, grouping rounding
//! differences per table) is in [`crate::rules::common`].

mod appropriation_spending_exceeds_total;
mod balance_not_carried_forward;
mod basic_spending_not_personnel_plus_operating;
mod economic_parent_not_sum_of_items;
mod expenditure_differs_across_tables;
mod expenditure_lines_not_total;
mod fiscal_income_differs_across_tables;
mod fund_column_differs_from_fund_table;
mod grand_total_not_composition;
mod income_differs_across_tables;
mod income_lines_not_total;
mod income_total_not_expenditure_total;
mod negative_amount;
mod parent_not_sum_of_children;
mod row_not_sum_of_columns;
mod san_gong_below_economic_item;
mod san_gong_not_sum_of_items;
mod san_gong_over_budget;

pub use appropriation_spending_exceeds_total::AppropriationSpendingExceedsTotal;
pub use balance_not_carried_forward::BalanceNotCarriedForward;
pub use basic_spending_not_personnel_plus_operating::BasicSpendingNotPersonnelPlusOperating;
pub use economic_parent_not_sum_of_items::EconomicParentNotSumOfItems;
pub use expenditure_differs_across_tables::ExpenditureDiffersAcrossTables;
pub use expenditure_lines_not_total::ExpenditureLinesNotTotal;
pub use fiscal_income_differs_across_tables::FiscalIncomeDiffersAcrossTables;
pub use fund_column_differs_from_fund_table::FundColumnDiffersFromFundTable;
pub use grand_total_not_composition::GrandTotalNotComposition;
pub use income_differs_across_tables::IncomeDiffersAcrossTables;
pub use income_lines_not_total::IncomeLinesNotTotal;
pub use income_total_not_expenditure_total::IncomeTotalNotExpenditureTotal;
pub use negative_amount::NegativeAmount;
pub use parent_not_sum_of_children::ParentNotSumOfChildren;
pub use row_not_sum_of_columns::RowNotSumOfColumns;
pub use san_gong_below_economic_item::SanGongBelowEconomicItem;
pub use san_gong_not_sum_of_items::SanGongNotSumOfItems;
pub use san_gong_over_budget::SanGongOverBudget;
