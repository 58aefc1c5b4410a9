import {defineCheck, fail, inconclusive, outcome} from '../src/core/check.js';
import type {Finding, Page} from '../src/core/types.js';
import {judgeable, LISTING_PATHS, listingServer} from '../src/lib/exposed-files.js';

const FOLDERS: ReadonlySet<string> = new Set(LISTING_PATHS);

const messages = {
  listing: "{{url}} lists the folder's files ({{server}}).",
  'path-unavailable': '{{path}} could not be judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

/** A page the user named (or the target itself) that turns out to be a listing. */
function pageListing(page: Page): Finding<Id>[] {
  const res = page.response;
  if (!res || res.status < 200 || res.status >= 300) return [];
  const server = listingServer(res.body);
  return server === undefined ? [] : [fail('listing', {url: res.url, server}, page.path)];
}

export default defineCheck({
  meta: {
    id: 'directory-listing',
    family: 'exposure',
    title: 'Folders are not listed',
    failureTitle: 'Folders are listed',
    description:
      'A directory listing shows every file in a folder, including backups, uploads and files nobody linked to, so an attacker reads the folder instead of guessing names. Listings are recognised by their content (nginx, Apache, IIS, Python and "Index of /" pages), never by a `200` alone; the common folders are asked for, and the target and every `--path` are read too. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)',
    fixes: {
      generic: 'Turn listings off, and put an `index.html` in folders that must stay reachable.',
      stacks: {
        nginx: '`autoindex off;` (the default; remove `autoindex on;`)',
        apache: '`Options -Indexes`',
        iis: '`<directoryBrowse enabled="false" />`',
        express: 'do not mount `serve-index`',
      },
    },
    severity: 'medium',
    cwe: [548],
    owasp: ['A01:2021', 'A05:2021'],
    requiredArtifacts: ['ExposedPaths', 'Pages'],
    messages,
  },
  defaultOptions: {},
  run({ExposedPaths, Pages}) {
    const listings: Finding<Id>[] = Pages.flatMap(pageListing);
    const unknown: Finding<Id>[] = [];
    for (const exchange of ExposedPaths.probes) {
      if (!FOLDERS.has(exchange.path)) continue;
      const answer = judgeable(exchange);
      if ('reason' in answer) {
        unknown.push(inconclusive('path-unavailable', {path: exchange.path, reason: answer.reason}));
        continue;
      }
      const {status, body, url, bodyCut} = answer.response;
      const server = status >= 200 && status < 300 ? listingServer(body) : undefined;
      if (server !== undefined) listings.push(fail('listing', {url, server}));
      // Part of a body shows a listing, never its absence.
      else if (bodyCut !== undefined) unknown.push(inconclusive('path-unavailable', {path: exchange.path, reason: bodyCut}));
    }
    // One listing found is the verdict, whatever the folders that could not be judged would have shown.
    return outcome(listings.length > 0 ? listings : unknown);
  },
});
