// The one logger of the extension: a tag per context, debug output only in development builds.

/* eslint-disable no-console -- this module is the single place that writes to the console. */

const debugEnabled = import.meta.env?.DEV === true;

export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, error: unknown, details?: Record<string, unknown>): void;
}

export function createLogger(tag: string): Logger {
  const prefix = `[hardening-inspector:${tag}]`;
  return {
    debug(message, details) {
      if (debugEnabled) {
        console.debug(prefix, message, details ?? '');
      }
    },
    warn(message, details) {
      console.warn(prefix, message, details ?? '');
    },
    error(message, error, details) {
      console.error(prefix, message, details ?? '', error);
    },
  };
}
