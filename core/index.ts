export { Engine, openEngine, type EngineOptions, type EngineStats } from './engine';
