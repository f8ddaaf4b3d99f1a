import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../domain/errors';
import { logEvent } from '../lib/logger';

/** Codes Apollo and graphql-js raise for a bad request; their messages describe the client's document only. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'QUERY_TOO_EXPENSIVE',
]);

/**
 * A GraphQLError that graphql-js or Apollo raised about the request itself (an argument given as null, a
 * persisted query whose hash does not match): it has no code and wraps nothing a resolver threw, and its
 * message describes only the client's document and variables.
 */
function requestErrorOf(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError | null {
  const code = formatted.extensions?.['code'];
  if (!(original instanceof GraphQLError) || original.originalError || (code !== undefined && code !== 'INTERNAL_SERVER_ERROR')) return null;
  const argument = /^Argument "([^"]+)"/.exec(original.message)?.[1];
  return {
    message: original.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: formatted.path ? 'BAD_USER_INPUT' : 'BAD_REQUEST', ...(argument ? { argumentName: argument } : {}) },
  };
}

/** The public form of an AppError. */
export function formatAppError(error: AppError, path?: ReadonlyArray<string | number>): GraphQLFormattedError {
  return { message: error.message, ...(path ? { path } : {}), extensions: { code: error.code, ...error.publicExtensions() } };
}

/**
 * Every error leaves the server as a typed error or as a masked INTERNAL_SERVER_ERROR:
 * no stack trace, no vendor token, no credentialed URL.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const appError = original instanceof AppError ? original : original instanceof GraphQLError && original.originalError instanceof AppError ? original.originalError : null;
  if (appError) return formatAppError(appError, formatted.path);
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    // What the client can act on: the cost and its limit, or the argument at fault.
    const extra = code === 'QUERY_TOO_EXPENSIVE' ? { cost: formatted.extensions?.['cost'] } : formatted.extensions?.['argumentName'] ? { argumentName: formatted.extensions['argumentName'] } : {};
    return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions: { code, ...extra } };
  }
  const requestError = requestErrorOf(formatted, original);
  if (requestError) return requestError;
  logEvent('error', 'graphql.internal_error', {
    path: formatted.path,
    name: original instanceof Error ? original.name : typeof original,
    message: original instanceof Error ? original.message.slice(0, 500) : undefined,
  });
  return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
