/**
 * Response headers that tell an attacker which software (and often which version) serves the site,
 * so they can look up its known vulnerabilities instead of probing for them. Data, not code: the
 * `version-disclosure` check walks this list and its test runs every `example`.
 */

/** One header that discloses software. */
export interface DisclosureHeader {
  /** Lower-case header name. */
  readonly header: string;
  /** What the header gives away, for people: "the web server and its version". */
  readonly name: string;
  /** When set, only values matching it disclose something; otherwise any value does. */
  readonly pattern?: RegExp;
  /** `fail` for software names and versions; `warn` for internal details that only help an attacker orient. */
  readonly kind: 'fail' | 'warn';
  /** A value that discloses, as seen in the wild. */
  readonly example: string;
}

/** A dotted version number such as 1.22 or 2.4.57. */
const VERSION = /\d+\.\d+/;

export const DISCLOSURE_HEADERS: readonly DisclosureHeader[] = [
  // A bare product name ("nginx", "cloudflare") names no version to look up, so it passes.
  {header: 'server', name: 'the web server and its version', pattern: VERSION, kind: 'fail', example: 'Apache/2.4.57 (Debian)'},
  {header: 'x-powered-by', name: 'the application framework', kind: 'fail', example: 'PHP/8.2.7'},
  {header: 'x-aspnet-version', name: 'the ASP.NET runtime version', kind: 'fail', example: '4.0.30319'},
  {header: 'x-aspnetmvc-version', name: 'the ASP.NET MVC version', kind: 'fail', example: '5.2'},
  {header: 'x-owa-version', name: 'the Exchange (Outlook Web Access) build', kind: 'fail', example: '15.2.1118.26'},
  {header: 'x-generator', name: 'the CMS or site generator', kind: 'fail', example: 'Drupal 10 (https://www.drupal.org)'},
  {header: 'x-drupal-cache', name: 'that the site runs Drupal', kind: 'fail', example: 'HIT'},
  {header: 'x-drupal-dynamic-cache', name: 'that the site runs Drupal', kind: 'fail', example: 'UNCACHEABLE'},
  {header: 'x-turbo-charged-by', name: 'the web server (LiteSpeed)', kind: 'fail', example: 'LiteSpeed'},
  // Via starts with the protocol version ("1.1"), so only a product/version pair such as Varnish/7.1 counts.
  {header: 'via', name: 'a proxy and its version', pattern: /\b(?!HTTP\/)[a-z][\w.-]*\/\d/i, kind: 'fail', example: '1.1 varnish (Varnish/7.1)'},
  {header: 'x-backend-server', name: 'an internal host name', kind: 'warn', example: 'app-03.prod.internal'},
];
