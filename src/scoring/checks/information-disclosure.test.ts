import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HeaderPair, ResponseRecord } from '../types';
import { check } from './information-disclosure';
import { contextForHeaders as contextFor } from '../testing/contexts';

function corpusHeaders(file: string): HeaderPair[] {
  const path = new URL(`../testdata/real-headers/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as ResponseRecord).headers;
}

describe('information-disclosure', () => {
  test.each([
    ['Server', 'nginx/1.12.1'],
    ['Server', 'Apache/2.4.41 (Ubuntu)'],
    ['Server', 'Microsoft-IIS/10.0'],
    ['Server', 'Apache-Coyote/1.1'],
    ['Server', 'h2o/2.3.0-DEV@ff0d866'],
    ['X-Powered-By', 'PHP/7.4.3'],
    ['X-Powered-By', 'HHVM/3.18.2'],
    ['X-AspNet-Version', '4.0.30319'],
    ['X-AspNetMvc-Version', '5.2'],
    ['X-Version', '17'],
    ['X-Generator', 'Drupal 9.5 (https://www.drupal.org)'],
  ])('%s %j reveals a version', (name, value) => {
    const finding = check.run(contextFor([[name, value]]));

    expect(finding.outcome).toBe('versions');
    expect(finding.evidence).toBe(`${name}: "${value}"`);
  });

  test.each([
    ['Server', 'nginx'],
    ['Server', 'cloudflare'],
    ['Server', 'mw1264.eqiad.wmnet'],
    ['Server', 'nginx + Phusion Passenger'],
    ['X-Powered-By', 'ASP.NET'],
    ['X-Powered-By', 'Express'],
    ['X-Generator', 'WordPress'],
  ])('%s %j names the product only', (name, value) => {
    expect(check.run(contextFor([[name, value]])).outcome).toBe('products');
  });

  test('X-Runtime duration is no version', () => {
    const finding = check.run(contextFor([['X-Runtime', '0.014130']]));

    expect(finding.outcome).toBe('products');
    expect(finding.evidence).toBe(
      'X-Runtime: "0.014130" (reveals Ruby on Rails or another Rack application)',
    );
  });

  test('empty Server header is ignored', () => {
    const finding = check.run(contextFor([['Server', '  ']]));

    expect(finding.outcome).toBe('none');
    expect(finding.evidence).toBe('no header names the server software');
  });

  test('header names are case-insensitive', () => {
    expect(check.run(contextFor([['SERVER', 'nginx/1.25.3']])).outcome).toBe('versions');
  });

  test('real assa page lists both headers', () => {
    const finding = check.run(contextFor(corpusHeaders('www.assa.se_pagexray-redirect.json')));

    expect(finding.outcome).toBe('versions');
    expect(finding.evidence).toBe('Server: "nginx/1.12.1"; X-Powered-By: "ASP.NET"');
  });

  test('real Google page names its front end', () => {
    const finding = check.run(contextFor(corpusHeaders('www.google.com_chrome-har.json')));

    expect(finding.outcome).toBe('products');
    expect(finding.evidence).toBe('Server: "gws"');
  });

  test('any header value yields an outcome and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (server, poweredBy) => {
        const context = contextFor([
          ['Server', server],
          ['X-Powered-By', poweredBy],
        ]);
        const finding = check.run(context);

        expect(['versions', 'products', 'none']).toContain(finding.outcome);
        expect(check.remediate(finding, context).fixes).toHaveLength(5);
      }),
    );
  });
});

describe('information-disclosure remediation', () => {
  test('nginx fix turns off server_tokens and hides upstream headers', () => {
    const context = contextFor(
      [
        ['Server', 'nginx/1.12.1'],
        ['X-Powered-By', 'PHP/8.1.2'],
      ],
      'nginx',
    );
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      'Response headers name the server software and its version: Server: "nginx/1.12.1"; X-Powered-By: "PHP/8.1.2".',
    );
    expect(remediation.fixes[0]?.code).toBe(
      [
        '# Sends "Server: nginx" without the version.',
        'server_tokens off;',
        'proxy_hide_header X-Powered-By;',
        '# Removing Server entirely needs the headers-more module:',
        '# more_clear_headers Server;',
      ].join('\n'),
    );
  });

  test('Django development server gets a production server fix', () => {
    const context = contextFor([['Server', 'WSGIServer/0.2 CPython/3.11.2']], 'django');
    const remediation = check.remediate(check.run(context), context);
    const django = remediation.fixes[0];

    expect(remediation.summary).toBe(
      'Response headers name the server software and its version: Server: "WSGIServer/0.2 CPython/3.11.2". WSGIServer is Django\'s development server (manage.py runserver), which is not made to serve production traffic.',
    );
    expect(django?.stack).toBe('django');
    expect(django?.where).toBe(
      'the command that starts the application in production, in place of runserver',
    );
    expect(django?.code).toContain('which Django says not to use in production');
    expect(django?.code).toContain('gunicorn or uWSGI');
    expect(django?.code).toContain('gunicorn --bind 127.0.0.1:8000 mysite.wsgi');
    expect(django?.code).not.toContain('drop_software_headers');
  });

  test('Django development server fix also drops X-Powered-By', () => {
    const context = contextFor(
      [
        ['Server', 'WSGIServer/0.2 CPython/3.11.2'],
        ['X-Powered-By', 'Django'],
      ],
      'django',
    );
    const django = check.remediate(check.run(context), context).fixes[0];

    expect(django?.code).toContain('gunicorn --bind');
    expect(django?.code).toContain('        for name in ("X-Powered-By",):');
  });

  test('Django behind nginx keeps the middleware fix', () => {
    const context = contextFor([['Server', 'nginx/1.22.1']], 'django');
    const django = check.remediate(check.run(context), context).fixes[0];

    expect(django?.where).toBe('a middleware function listed in MIDDLEWARE');
    expect(django?.code).toContain('        for name in ("X-Powered-By",):');
    expect(django?.code).not.toContain('gunicorn');
  });

  test('apache and caddy fixes name each header', () => {
    const context = contextFor([
      ['Server', 'Apache/2.4.41'],
      ['X-Powered-By', 'PHP/8.1.2'],
    ]);
    const fixes = check.remediate(check.run(context), context).fixes;

    expect(fixes.find((fix) => fix.stack === 'apache')?.code).toContain('ServerTokens Prod');
    expect(fixes.find((fix) => fix.stack === 'apache')?.code).toContain(
      'Header unset X-Powered-By',
    );
    expect(fixes.find((fix) => fix.stack === 'caddy')?.code).toBe(
      'header -Server\nheader -X-Powered-By',
    );
    expect(fixes.find((fix) => fix.stack === 'express')?.code).toContain(
      "app.disable('x-powered-by');",
    );
  });
});
