import {describe, expect, it} from '@jest/globals';
import {hasVersion, SOFTWARE_HEADERS, softwareNamed} from './disclosure-headers.js';

describe('hasVersion', () => {
  it.each([
    'nginx/1.22.1',
    'Apache/2.4.57 (Debian)',
    'Microsoft-IIS/10.0',
    'PHP/8.2.7-1ubuntu1',
    'Jetty(9.4.z-SNAPSHOT)',
    'Drupal 10 (https://www.drupal.org)',
    'WordPress 6.4.2',
    'Microsoft-Azure-Application-Gateway/v2',
    '4.0.30319',
    'Servlet/3.1 JSP/2.3',
  ])('reads a version in %s', (text) => {
    expect(hasVersion(text)).toBe(true);
  });

  it.each(['nginx', 'cloudflare', 'Express', 'ASP.NET', 'Next.js', 'ECS (dcb/7F84)', 'HIT', 'AmazonS3', 'mw1402.eqiad.wmnet'])(
    'reads no version in %s',
    (text) => {
      expect(hasVersion(text)).toBe(false);
    },
  );
});

describe('softwareNamed', () => {
  const via = SOFTWARE_HEADERS.find((h) => h.header === 'via')!;
  const server = SOFTWARE_HEADERS.find((h) => h.header === 'server')!;

  it("reads only Via's comments, not its protocol version or host", () => {
    expect(softwareNamed(via, '1.1 varnish (Varnish/7.1), 1.1 a1b2.cloudfront.net (CloudFront)')).toBe('Varnish/7.1, CloudFront');
    expect(softwareNamed(via, '1.1 10.0.0.5')).toBe('');
  });

  it('reads the whole value of other headers', () => {
    expect(softwareNamed(server, ' nginx/1.22.1 ')).toBe('nginx/1.22.1');
  });
});
