// @ts-check
// A throwaway TLS certificate for the demo and test servers, generated at start and kept
// in memory only, so no private key is ever written to disk or committed.

import { generate } from 'selfsigned';

/**
 * @typedef {object} Certificate
 * @property {string} key  PEM private key.
 * @property {string} cert  PEM certificate.
 */

/**
 * Generates a self-signed certificate valid for one day for the given DNS names and for
 * 127.0.0.1. Browsers still reject it as untrusted: launch them with
 * `--ignore-certificate-errors`.
 *
 * @param {readonly string[]} dnsNames  Names such as `demo.test` or `*.test`.
 * @returns {Promise<Certificate>}
 */
export async function createCertificate(dnsNames) {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 24 * 60 * 60 * 1000);
  const commonName = dnsNames[0] ?? 'localhost';

  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dnsNames.map((value) => ({ type: /** @type {const} */ (2), value })),
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
