//! The one central code table: every rule jixiao has, in code order. `jixiao rules` lists
//! it; `jixiao rule CODE` prints a rule's doc; `docs/rules/` is generated from it.

use crate::registry::Rule;
#[allow(unused_imports)]
use crate::rules::{
    claims as c, disclosure as d, final_accounts as f, self_eval as s, structure as p, targets as t,
};

/// All rules.
pub static RULES: &[&dyn Rule] = &[
    &p::UnreadRegion,
    &s::ExecutionRateMismatch,
    &s::ExecutionScoreMismatch,
    &s::FundsSubRowsNotSum,
    &s::ExecutedOverBudget,
    &s::IndicatorScoreAboveWeight,
    &s::IndicatorScoreDiffers,
    &s::QualitativeScoreOutOfTier,
    &s::TotalNotSumOfScores,
    &s::WeightsNotHundred,
    &s::TotalWeightMismatch,
    &s::ChildWeightsNotParent,
    &s::GradeNotBandOfTotal,
    &s::MissingDeviationReason,
    &t::TargetMissing,
    &t::VagueTarget,
    &t::PlaceholderIndicatorName,
    &t::UnitContradictsValue,
    &t::NameRepeatsLevel,
    &t::MissingOutputCategory,
    &t::MissingBenefitIndicator,
    &t::MissingSatisfactionIndicator,
    &t::LowQuantitativeShare,
    &t::PriorExecutionBlank,
    // -- F: final-accounts table identities (rules/final_accounts/) --
    &f::IncomeTotalNotExpenditureTotal,
    &f::IncomeLinesNotTotal,
    &f::ExpenditureLinesNotTotal,
    &f::GrandTotalNotComposition,
    &f::RowNotSumOfColumns,
    &f::ParentNotSumOfChildren,
    &f::EconomicParentNotSumOfItems,
    &f::BalanceNotCarriedForward,
    &f::NegativeAmount,
    &f::IncomeDiffersAcrossTables,
    &f::ExpenditureDiffersAcrossTables,
    &f::FiscalIncomeDiffersAcrossTables,
    &f::FundColumnDiffersFromFundTable,
    &f::BasicSpendingNotPersonnelPlusOperating,
    &f::SanGongNotSumOfItems,
    &f::SanGongBelowEconomicItem,
    &f::AppropriationSpendingExceedsTotal,
    &f::SanGongOverBudget,
    // -- end F --
    // -- C: claims in prose (rules/claims/) --
    &c::GrowthRateMismatch,
    &c::AmountDiffersFromTable,
    &c::DirectionWordContradictsChange,
    &c::PercentOnZeroBase,
    &c::ShareMismatch,
    &c::CompletionRateMismatch,
    &c::ProjectExecutionRateMismatch,
    &c::ItemisedSumMismatch,
    &c::ProjectFiguresDifferFromScoresheet,
    &c::ChangeRestatedDifferently,
    &c::RunningCostsDifferFromOperatingCosts,
    // -- end C --
    // -- D: disclosure completeness and format (rules/disclosure/) --
    &d::TableMissing,
    &d::EmptyTableStatementMismatch,
    &d::SanGongDetailsNotDisclosed,
    &d::PercentSignMissing,
    &d::TemplateResidue,
    &d::ChangeWithoutReason,
    &d::ProseFigureRepeatedDiffers,
    &d::TableUnitMissing,
    &d::DoubledMarkOrWord,
    // -- end D --
];

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            let m = r.meta();
            assert!(seen.insert(m.code), "duplicate {}", m.code);
            assert_eq!(m.code.len(), 4, "{}", m.code);
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(m.doc.contains(section), "{} lacks {section}", m.code);
            }
        }
    }
}
