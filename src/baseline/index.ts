/** Baselines as a library: record a run, load a recorded one, compare, render. */
export { writeFileAtomic } from '../atomic-file.ts';
export { checkBaseline, compareWithBaseline, loadBaseline, slowerChange, SLOWER_DEFAULTS, type CompareOptions } from './compare.ts';
export { compareShapes, type ShapeChange } from './compare-shape.ts';
export { createBaselineRecorder, findingKey, medianOf, type BaselineInfo, type BaselineRecorder } from './record.ts';
export { renderBaselineText } from './render.ts';
export { mergeShapes, shapeOf, shapeOfBody, type Shape } from './shape.ts';
export * from './types.ts';
