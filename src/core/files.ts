/**
 * Reading a file the user named (config, CA file, baseline, report, event payload) without trusting
 * what it is: a FIFO would block a read forever and a device such as /dev/zero never ends, so only a
 * regular file under a size cap is read, and never more than the cap even if it grows meanwhile.
 */
import {constants, type Stats} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {UsageError} from './errors.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** A CA bundle far larger than the whole Mozilla root store (about 200 KiB) is not a CA file. */
export const MAX_CA_FILE_BYTES = 1 * MiB;

/** What a CA file must hold at least once. */
const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return READ_FAILURES[code] ?? code;
}

/** What a path that is not a regular file is instead, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** "512 bytes", "4 MiB", "15.7 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} bytes`;
  const [value, unit] = bytes < MiB ? [bytes / KiB, 'KiB'] : [bytes / MiB, 'MiB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/** Refuses anything but a regular file of at most `maxBytes`. */
function checkFile(stats: Stats, shown: string, maxBytes: number): void {
  if (!stats.isFile()) throw new UsageError(`${shown} is ${kindOf(stats)}, not a regular file`);
  if (stats.size <= maxBytes) return;
  const cap = formatBytes(maxBytes);
  // Just over the cap rounds to the cap itself ("1 MiB, over the 1 MiB cap"): count the bytes then.
  const size = formatBytes(stats.size) === cap ? `${stats.size.toLocaleString('en-US')} bytes` : formatBytes(stats.size);
  throw new UsageError(`${shown} is ${size}, over the ${cap} cap`);
}

/**
 * The UTF-8 text of `path`, which must be a regular file of at most `maxBytes`. `what` names the
 * input in messages ("--ca-file", "config file"). Throws UsageError (exit 2) at once for a folder,
 * FIFO, socket or device, for a file over the cap, and for one that cannot be read.
 */
export async function readInputFile(path: string, what: string, maxBytes: number): Promise<string> {
  const shown = `${what} ${path}`;
  let stats: Stats;
  try {
    // stat, unlike open, never waits for a FIFO's writer.
    stats = await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read ${shown}: ${readFailure(error)}`);
  }
  checkFile(stats, shown, maxBytes);
  let handle;
  try {
    // O_NONBLOCK: should the path be swapped for a FIFO after the stat, opening it still returns at once.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`cannot read ${shown}: ${readFailure(error)}`);
  }
  try {
    // The file opened is the one judged, whatever happened to the path in between.
    checkFile(await handle.stat(), shown, maxBytes);
    // One byte past the size the stat gave shows the end in the usual case, with no second buffer.
    const limit = maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(stats.size + 1, limit));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        // The file grew since the stat (or, like procfs, reported no size): room for more, up to the cap and one byte.
        const bigger = Buffer.allocUnsafe(Math.min(limit, Math.max(2 * buffer.length, 64 * KiB)));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const {bytesRead} = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total >= limit) throw new UsageError(`${shown} grew past the ${formatBytes(maxBytes)} cap while it was read`);
    }
    return buffer.toString('utf8', 0, total);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${shown}: ${readFailure(error)}`);
  } finally {
    await handle.close();
  }
}

/** The PEM text of a CA file: a regular file of at most 1 MiB holding at least one certificate. */
export async function readCaFile(path: string, what: string): Promise<string> {
  const text = await readInputFile(path, what, MAX_CA_FILE_BYTES);
  if (!text.includes(PEM_CERTIFICATE)) throw new UsageError(`${what} ${path} holds no PEM certificate (no "${PEM_CERTIFICATE}" line)`);
  return text;
}
