import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {within} from '../../test/helpers/within.js';
import {formatBytes, readCaFile, readInputFile} from './files.js';

/** Far longer than a refusal takes; only a read that blocks (a FIFO without a writer) gets near it. */
const BOUND_MS = 5000;

const dir = mkdtempSync(join(tmpdir(), 'shipcheck-files-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
let socket: Server;

beforeAll(async () => {
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(join(dir, 'socket'), resolve));
});

afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  rmSync(dir, {recursive: true, force: true});
});

describe('readInputFile', () => {
  it('reads a regular file under its cap as UTF-8', async () => {
    const path = file('ok.yml', 'preset: strict\n# café\n');
    expect(await readInputFile(path, '--config', 1024)).toBe('preset: strict\n# café\n');
  });

  it('reads a file of exactly the cap', async () => {
    const path = file('exact.txt', 'x'.repeat(64));
    expect(await readInputFile(path, '--config', 64)).toHaveLength(64);
  });

  it.each([
    ['a folder', () => dir, `--config ${dir} is a folder, not a regular file`],
    ['a FIFO that nothing writes to', () => join(dir, 'fifo'), `--config ${join(dir, 'fifo')} is a FIFO, not a regular file`],
    ['a unix socket', () => join(dir, 'socket'), `--config ${join(dir, 'socket')} is a socket, not a regular file`],
    ['/dev/zero', () => '/dev/zero', '--config /dev/zero is a character device, not a regular file'],
    ['a file over the cap', () => file('big.yml', 'x'.repeat(2048)), `--config ${join(dir, 'big.yml')} is 2 KiB, over the 1 KiB cap`],
    ['a missing file', () => join(dir, 'missing.yml'), `cannot read --config ${join(dir, 'missing.yml')}: no such file`],
    ['a path through a file', () => join(file('plain', ''), 'x'), `cannot read --config ${join(dir, 'plain', 'x')}: no such file`],
    // procfs reports a size of 0 and then yields more: only the bounded read catches it.
    [
      'a file that yields more than its size said',
      () => '/proc/self/status',
      '--config /proc/self/status grew past the 16 bytes cap while it was read',
    ],
  ])('refuses %s at once with one usage line', async (_name, path, message) => {
    const cap = path().startsWith('/proc') ? 16 : 1024;
    await expect(within(readInputFile(path(), '--config', cap), BOUND_MS)).rejects.toMatchObject({code: 'E_USAGE', exitCode: 2, message});
  });
});

describe('readCaFile', () => {
  it('returns a file holding a PEM certificate', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(await readCaFile(file('ca.pem', pem), '--ca-file')).toBe(pem);
  });

  it.each([
    ['an empty file', ''],
    ['a private key only', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'],
    ['DER bytes', Buffer.from([0x30, 0x82, 0x01, 0x0a])],
  ])('refuses %s as holding no PEM certificate', async (name, content) => {
    const path = file(`${name}.pem`, content);
    await expect(readCaFile(path, '--ca-file')).rejects.toMatchObject({
      code: 'E_USAGE',
      message: `--ca-file ${path} holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)`,
    });
  });

  it('refuses a CA file over 1 MiB and /dev/zero before reading either', async () => {
    const path = file('huge.pem', Buffer.alloc(1024 * 1024 + 1, 'A'));
    await expect(readCaFile(path, '--ca-file')).rejects.toMatchObject({message: `--ca-file ${path} is 1,048,577 bytes, over the 1 MiB cap`});
    await expect(within(readCaFile('/dev/zero', 'NODE_EXTRA_CA_CERTS'), BOUND_MS)).rejects.toMatchObject({
      message: 'NODE_EXTRA_CA_CERTS /dev/zero is a character device, not a regular file',
    });
  });
});

describe('formatBytes', () => {
  it.each([
    [16, '16 bytes'],
    [2048, '2 KiB'],
    [4 * 1024 * 1024, '4 MiB'],
    [16_462_643, '15.7 MiB'],
  ])('writes %d as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
