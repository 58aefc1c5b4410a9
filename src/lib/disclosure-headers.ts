/**
 * Response headers that tell an attacker which software serves the site, and the rule that tells a
 * version from a bare product name. Data, not code: the `version-disclosure` check walks these lists
 * and its test runs every example.
 */

/** One header that names software. */
export interface SoftwareHeader {
  /** Lower-case header name. */
  readonly header: string;
  /** What it names, for people: "the web server". */
  readonly names: string;
  /** Via names software only in its comments, after a protocol version and a host (RFC 9110 §7.6.3). */
  readonly inComments?: true;
  /** A value seen in the wild that carries a version, when the header ever does. */
  readonly versioned?: string;
  /** A value seen in the wild that names the product alone. */
  readonly bare?: string;
}

export const SOFTWARE_HEADERS: readonly SoftwareHeader[] = [
  {header: 'server', names: 'the web server', versioned: 'Apache/2.4.57 (Debian)', bare: 'nginx'},
  {header: 'x-powered-by', names: 'the application framework', versioned: 'PHP/8.2.7', bare: 'Express'},
  {header: 'x-aspnet-version', names: 'the ASP.NET runtime', versioned: '4.0.30319'},
  {header: 'x-aspnetmvc-version', names: 'the ASP.NET MVC framework', versioned: '5.2'},
  {header: 'x-owa-version', names: 'the Exchange (Outlook Web Access) build', versioned: '15.2.1118.26'},
  {header: 'x-generator', names: 'the CMS or site generator', versioned: 'Drupal 10 (https://www.drupal.org)', bare: 'Hugo'},
  {header: 'x-drupal-cache', names: 'the CMS (Drupal)', bare: 'HIT'},
  {header: 'x-drupal-dynamic-cache', names: 'the CMS (Drupal)', bare: 'UNCACHEABLE'},
  {header: 'x-turbo-charged-by', names: 'the web server (LiteSpeed)', bare: 'LiteSpeed'},
  {header: 'via', names: 'a proxy', inComments: true, versioned: '1.1 varnish (Varnish/7.1)', bare: '1.1 d111111abcdef8.cloudfront.net (CloudFront)'},
];

/** Headers that name an internal machine (ZAP passive rule 10039, "X-Backend-Server Header Information Leak"). */
export const INTERNAL_HOST_HEADERS: readonly {readonly header: string; readonly example: string}[] = [
  {header: 'x-backend-server', example: 'app-03.prod.internal'},
];

/**
 * A version number as software prints it beside its name: `nginx/1.22.1`, `Drupal 10`, `Gateway/v2`,
 * `4.0.30319`, `Jetty(9.4.z-SNAPSHOT)`. It must stand as a token of its own, so that an opaque id
 * such as `ECS (dcb/7F84)` is not read as one. (ZAP's rule 10036 calls any digit a version.)
 */
const VERSION = /(?:^|[\s/(])v?\d+(?:\.\d+)*(?=$|[\s).;,+_-]|\.[a-z])/i;

/** The part of a header's value that names software: all of it, or Via's comments. */
export function softwareNamed(entry: SoftwareHeader, value: string): string {
  if (!entry.inComments) return value.trim();
  return [...value.matchAll(/\(([^()]*)\)/g)]
    .map((m) => (m[1] ?? '').trim())
    .filter((c) => c !== '')
    .join(', ');
}

/** Whether the text carries a version number. */
export function hasVersion(text: string): boolean {
  return VERSION.test(text);
}
