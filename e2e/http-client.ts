// A minimal HTTP(S) client for the specs that check the test servers without a browser.
// It sends every request to 127.0.0.1 with the given host name in `Host` and in TLS SNI,
// as Chromium does with the `.test` host-resolver rule.

import http from 'node:http';
import https from 'node:https';

import type { HeaderPair } from '../src/scoring/types';

export interface RawResponse {
  status: number;
  /** Header lines in the order received, repeated names kept apart, names in lower case. */
  headers: HeaderPair[];
  body: string;
}

/** Requests `url` from the server on 127.0.0.1 at the URL's port, never following redirects. */
export function requestFromLoopback(url: string): Promise<RawResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const defaultPort = secure ? 443 : 80;
  const options: https.RequestOptions = {
    host: '127.0.0.1',
    port: target.port === '' ? defaultPort : Number(target.port),
    path: `${target.pathname}${target.search}`,
    headers: { host: target.host },
    ...(secure ? { servername: target.hostname, rejectUnauthorized: false } : {}),
  };

  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: pairsOf(response.rawHeaders),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

function pairsOf(rawHeaders: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index]!.toLowerCase(), rawHeaders[index + 1]!]);
  }
  return pairs;
}

/** Returns every value of a header, in order. */
export function headerValues(response: RawResponse, name: string): string[] {
  return response.headers.filter(([headerName]) => headerName === name).map(([, value]) => value);
}
