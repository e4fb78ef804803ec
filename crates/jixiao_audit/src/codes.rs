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
    &s::NarrativeFigureDiffersFromTable,
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
    &c::BudgetCompletionItemMismatch,
    &c::TotalsChangeInOppositeDirections,
    &c::ItemNameDiffersFromTable,
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
    &d::PercentTooManyDecimals,
    &d::ScopeWordInconsistent,
    &d::YearDiffersFromDocumentYear,
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
    use crate::registry::Family;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            let m = r.meta();
            assert!(seen.insert(m.code), "duplicate {}", m.code);
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

    /// A code is the family's letter and three digits whose hundreds digit is the family's
    /// series; the table lists the codes in ascending number, so each family is one block.
    #[test]
    fn codes_match_their_family_and_run_in_order() {
        let mut last: Option<(u32, &str)> = None;
        for r in RULES {
            let m = r.meta();
            let mut chars = m.code.chars();
            let letter = chars.next();
            let digits = chars.as_str();
            assert!(
                digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
                "{}: a letter and three digits",
                m.code
            );
            assert_eq!(
                letter,
                Some(m.family.letter()),
                "{} is declared in family {:?}",
                m.code,
                m.family
            );
            let n: u32 = digits.parse().unwrap();
            assert_eq!(
                n / 100,
                m.family.series(),
                "{}: family {:?}",
                m.code,
                m.family
            );
            if let Some((prev, prev_code)) = last {
                assert!(n > prev, "{} listed after {prev_code}", m.code);
            }
            last = Some((n, m.code));
        }
        // Every family has rules, and the series are listed in the family order.
        for f in Family::ALL {
            assert!(
                RULES.iter().any(|r| r.meta().family == f),
                "{f:?} has no rule"
            );
        }
        let series: Vec<u32> = Family::ALL.iter().map(|f| f.series()).collect();
        assert!(series.windows(2).all(|w| w[0] < w[1]), "{series:?}");
    }

    /// A rule lives in its family's directory (`rules/claims/` for a C code), so that the code
    /// letter, the declared family and the file agree.
    #[test]
    fn rules_live_in_their_family_directory() {
        for r in RULES {
            let m = r.meta();
            let dir = match m.family {
                Family::SelfEvaluation => "self_eval",
                Family::Targets => "targets",
                Family::FinalAccounts => "final_accounts",
                Family::Claims => "claims",
                Family::Disclosure => "disclosure",
                Family::Structure => "structure",
            };
            let prefix = format!("jixiao_audit::rules::{dir}::");
            assert!(
                m.module.starts_with(&prefix),
                "{} ({:?}) is declared in {}",
                m.code,
                m.family,
                m.module
            );
        }
    }
}
