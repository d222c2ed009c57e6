/** Binary tasks the ranker predicts as probabilities; skip and hide are the negative ones. */
export const binaryTasks = ['complete', 'like', 'share', 'follow', 'skip', 'hide'] as const;
/** Regression task: watched fraction of the video, clipped to [0, 2]. */
export const regressionTask = 'watch_ratio' as const;
export const rankerTasks = [...binaryTasks, regressionTask] as const;

export type BinaryTask = (typeof binaryTasks)[number];
export type RankerTask = (typeof rankerTasks)[number];

/** Labels of one impression: 0/1 per binary task and the watch ratio. */
export type RankerLabels = Record<BinaryTask, number> & { watch_ratio: number };
