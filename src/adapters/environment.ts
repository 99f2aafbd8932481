import type { z } from 'zod';

/** Settings read from environment variables by a zod schema; a bad value stops the start with the variable's name. */
export function readEnvironment<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Bulwark: invalid ${what} in the environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}
