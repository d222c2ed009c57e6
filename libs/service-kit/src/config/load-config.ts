import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown by loadConfig; its message names every bad variable, why, and what it got. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map(({ variable, problem }) => `${variable}: ${problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates environment variables against a zod object schema; "" counts as unset. */
export function loadConfig<S extends z.ZodType>(schema: S, environment: Env = process.env): z.output<S> {
  const setVariables = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(setVariables);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    const raw = setVariables[variable];
    return { variable, problem: raw === undefined ? issue.message : `${issue.message}, got ${JSON.stringify(raw)}` };
  });
  throw new ConfigError(problems);
}
