/** Half-year evaluation (半年评估): indicators, scores and grades, case-file review, published reports. */
export { EvaluationStepModel, RubricModel, ReviewBatchModel, ReviewItemModel, RectificationModel, ReportModel } from './evaluation.model';
export { createEvaluationsRouter } from './evaluations.routes';
export { computeResults, computeTally, drillDown, foldCases, type ComputeOptions } from './indicators.service';
export { parsePeriod, previousPeriod, type Period } from './period.workflow';
export { compositeScore, gradeOf, withDefaults, DEFAULT_CONFIG, type EvaluationConfig } from './evaluation.workflow';
export { INDICATORS, LEVELS, type Level } from './indicator-defs';
export { caseFactHooks, buildFacts, settleJournalWrites } from './case-facts.repository';
export { maintainFacts, startFactMaintenance } from './case-facts.scheduler';
