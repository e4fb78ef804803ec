//! S: self-evaluation arithmetic and scoring (绩效自评表, 指标评分表).

mod child_weights_not_parent;
mod executed_over_budget;
mod execution_rate_mismatch;
mod execution_score_mismatch;
mod funds_sub_rows_not_sum;
mod grade_not_band_of_total;
mod indicator_score_above_weight;
mod indicator_score_differs;
mod missing_deviation_reason;
mod narrative_figure_differs;
mod qualitative_score_out_of_tier;
mod total_not_sum_of_scores;
mod total_weight_mismatch;
mod weights_not_hundred;

pub use child_weights_not_parent::ChildWeightsNotParent;
pub use executed_over_budget::ExecutedOverBudget;
pub use execution_rate_mismatch::ExecutionRateMismatch;
pub use execution_score_mismatch::ExecutionScoreMismatch;
pub use funds_sub_rows_not_sum::FundsSubRowsNotSum;
pub use grade_not_band_of_total::GradeNotBandOfTotal;
pub use indicator_score_above_weight::IndicatorScoreAboveWeight;
pub use indicator_score_differs::IndicatorScoreDiffers;
pub use missing_deviation_reason::MissingDeviationReason;
pub use narrative_figure_differs::NarrativeFigureDiffersFromTable;
pub use qualitative_score_out_of_tier::QualitativeScoreOutOfTier;
pub use total_not_sum_of_scores::TotalNotSumOfScores;
pub use total_weight_mismatch::TotalWeightMismatch;
pub use weights_not_hundred::WeightsNotHundred;
