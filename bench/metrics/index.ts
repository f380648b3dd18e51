export { averagePrecision, meanAveragePrecision } from './averagePrecision';
export { percentile } from './percentile';
export { hitAtK, recallAtK } from './recallAtK';
