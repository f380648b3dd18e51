export { readText, MIN_LINE_CONFIDENCE, PHOTO_DETECT, type TextLine, type TextReading } from './readText';
export { detectText, DEFAULT_DETECT, type DetectOptions, type TextBox } from './detectText';
export { recogniseText, type RecognisedLine } from './recogniseText';
export { textSimilarity, bestLineMatch, romanise, type TextMatch, type TextMatchKind } from './textSimilarity';
export { foldText } from './normaliseText';
