import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CallbridgeConfig, configSchema } from './config.schema';

/** A configuration problem, worded for the operator; it never contains a secret value. */
export class ConfigError extends Error {}

/** Reads, interpolates and validates a YAML or JSON config file. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): CallbridgeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseConfig(interpolateEnv(raw, env, []));
}

export function parseConfig(raw: unknown): CallbridgeConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Replaces "${NAME}" in every string with the environment variable; a missing one is an error naming the key. */
function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path: Array<string | number>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined || found === '') throw new ConfigError(`invalid configuration:\n  ${formatPath(path)}: environment variable ${name} is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, [...path, k])]));
  }
  return value;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(root)';
}
