export { createVerifier, type ShortlistVerifier, MIN_INLIERS, MIN_INLIER_RATIO, type Verification } from './verifyShortlist';
export { indexLocalFeatures, type LocalFeatureIndexReport } from './indexLocalFeatures';
export { extractFeatures, extractMarkFeatures, MARK_EXTRACTOR, MARK_SCALES, PHOTO_FEATURES, type LocalFeatures } from './localFeatures';
export { PhotoFeatures, projectCorners, quadBox, type GeometricMatch, type Point } from './matchFeatures';
export { beginVerification, VerifierThread, type PhotoVerifier } from './verifierThread';
