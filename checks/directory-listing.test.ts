import check from './directory-listing.js';
import {answer, exposedPaths, hardened, pages, probeError} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {DIRECTORY_LISTINGS, EXPOSED_FILES, LISTING_PATHS} from '../src/lib/exposed-files.js';
import type {HttpResponse, ProbeError} from '../src/core/types.js';

const PATHS = [...EXPOSED_FILES.map((f) => f.path), ...LISTING_PATHS];

const PAGES = pages(hardened());
const paths = (answers: Record<string, HttpResponse | ProbeError> = {}) => ({
  ExposedPaths: exposedPaths(PATHS, {'/': hardened(), ...answers}),
  Pages: PAGES,
});
const listing = (example: string) => answer(200, example, {'content-type': 'text/html'});

const examples: CheckCase[] = DIRECTORY_LISTINGS.map((l) => ({
  name: `/files/ is a ${l.name} listing`,
  artifacts: paths({'/files/': listing(l.example)}),
  messageIds: ['listing'],
}));

checkTester.run(check, {
  pass: [
    {name: 'the root is a page and every folder answers 404', artifacts: paths()},
    {
      name: 'folders refused with 403 (listings off)',
      artifacts: paths(Object.fromEntries(LISTING_PATHS.slice(1).map((p) => [p, answer(403, 'Forbidden')]))),
    },
    {name: 'a folder that redirects to its index', artifacts: paths({'/static/': answer(301, '', {location: '/static/index.html'})})},
    {
      name: 'a listing served on a file path is not judged here',
      artifacts: paths({'/backup.zip': listing(DIRECTORY_LISTINGS[0]!.example)}),
    },
    {name: 'a failed file path does not concern listings', artifacts: paths({'/.env': probeError('timeout')})},
  ],
  fail: [
    ...examples,
    {
      name: 'a folder named with --path that lists its files fails',
      artifacts: {...paths(), Pages: pages(hardened(), {path: '/downloads/', response: listing(DIRECTORY_LISTINGS[0]!.example)})},
      messageIds: ['listing'],
      page: '/downloads/',
    },
    {name: 'the root itself is a listing', artifacts: paths({'/': listing(DIRECTORY_LISTINGS[1]!.example)}), messageIds: ['listing']},
    {
      name: 'a listing is the verdict even when another folder could not be fetched',
      artifacts: paths({'/uploads/': listing(DIRECTORY_LISTINGS[0]!.example), '/backup/': probeError('connection-reset')}),
      messageIds: ['listing'],
    },
  ],
  error: [
    {name: 'a folder that timed out', artifacts: paths({'/images/': probeError('timeout')}), messageIds: ['path-unavailable']},
    {
      name: 'a folder redirected to another host',
      artifacts: paths({'/uploads/': answer(301, '', {location: 'https://cdn.example.net/uploads/'})}),
      messageIds: ['path-unavailable'],
    },
    {
      name: 'a folder whose body was cut by a reset before a listing could show',
      artifacts: paths({
        '/uploads/': {...answer(200, '<html><head>'), bodyTruncated: true, bodyCut: 'the connection was reset after 12 bytes of the body'},
      }),
      messageIds: ['path-unavailable'],
    },
    {name: 'a folder answered with 500', artifacts: paths({'/uploads/': answer(500, 'Internal Server Error')}), messageIds: ['path-unavailable']},
  ],
});
