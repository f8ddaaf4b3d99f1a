import { isAbsolute, resolve } from 'node:path';
import { AppConnectConnector, ConnectorSettings } from '../app-connect/connector';
import { sandboxCrmConnector } from '../app-connect/connectors/sandbox-crm';
import { RegisteredConnector } from '../app-connect/call-logger';
import { CallbridgeConfig } from '../config/config.schema';
import { ConfigError } from '../config/load-config';

/** Connectors that ship with Callbridge, by their `builtin:` name. */
const BUILTIN: Readonly<Record<string, AppConnectConnector>> = { 'sandbox-crm': sandboxCrmConnector };

const FUNCTIONS = ['findContact', 'createCallLog', 'updateCallLog', 'getCallLog'] as const;

/**
 * The configured connectors, each loaded once: a built-in one, or an App Connect connector module from a path
 * (relative to the working directory), which must export the four functions of the interface.
 */
export function loadConnectors(config: CallbridgeConfig, load: (path: string) => unknown = require): RegisteredConnector[] {
  return config.appConnect.connectors.map((c, i) => {
    let connector: AppConnectConnector | undefined;
    if (c.module.startsWith('builtin:')) {
      connector = BUILTIN[c.module.slice('builtin:'.length)];
      if (!connector) throw new ConfigError(`invalid configuration:\n  appConnect.connectors[${i}].module: no built-in connector "${c.module}" (built in: ${Object.keys(BUILTIN).map((n) => `builtin:${n}`).join(', ')})`);
    } else {
      const path = isAbsolute(c.module) ? c.module : resolve(process.cwd(), c.module);
      let loaded: unknown;
      try {
        loaded = load(path);
      } catch (error) {
        throw new ConfigError(`invalid configuration:\n  appConnect.connectors[${i}].module: cannot load ${path}: ${(error as Error).message.split('\n')[0]}`);
      }
      const mod = loaded as Record<string, unknown> & { default?: Record<string, unknown> };
      // CommonJS exports, or an ES module's default export compiled to CommonJS.
      const exported = FUNCTIONS.every((f) => typeof mod?.[f] === 'function') || typeof mod?.default !== 'object' ? mod : mod.default;
      const missing = FUNCTIONS.filter((f) => typeof exported?.[f] !== 'function');
      if (missing.length > 0) throw new ConfigError(`invalid configuration:\n  appConnect.connectors[${i}].module: ${path} does not export ${missing.join(', ')}`);
      connector = exported as unknown as AppConnectConnector;
    }
    const settings: ConnectorSettings = {
      tenant: c.tenant,
      name: c.name,
      authHeader: c.authHeader,
      logFormat: c.logFormat,
      user: c.user,
      userMapping: c.userMapping,
      timeoutMs: c.timeoutMs,
      contactCacheMs: c.contactCacheSeconds * 1000,
    };
    return { settings, connector };
  });
}
