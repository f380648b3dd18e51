export { queryPhoto } from './queryPhoto';
export { embedPlaces, type PlaceVectors } from './embedPlaces';
export { scoreCandidates, VERIFY_TOP, type RankedImage, type RegionScore, type ScoredCandidates } from './scoreCandidates';
export { FusionModel, FUSION_FEATURES, featureVector, logistic, type CandidateEvidence, type FusionCoefficients } from './fusionModel';
export { decideFlag, today, type FlagContext, type FlagDecision } from './infringementRules';
