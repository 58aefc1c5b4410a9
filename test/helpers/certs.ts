/**
 * Test certificates made with the `openssl` CLI, once per test process: a throw-away CA and a leaf for
 * `localhost` + `127.0.0.1` signed by it. `makeLeaf` makes more (expired, wrong host, self-signed …)
 * for TLS tests. Everything lives in a fresh temporary folder; nothing touches the system trust store.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LeafOptions {
  /** File name stem, unique per leaf (letters, digits, '-', '_'). */
  readonly name: string;
  /** Validity from now, in days; -1 makes a certificate that has already expired. Default 30. */
  readonly days?: number;
  /** RSA key size. Default 2048. */
  readonly keyBits?: number;
  /** Signature digest, e.g. 'sha256' (default), 'sha1', 'sha384'. */
  readonly sigHash?: string;
  /** Sign the leaf with its own key instead of the test CA. */
  readonly selfSigned?: boolean;
  /** subjectAltName entries, e.g. ['DNS:localhost', 'IP:127.0.0.1'] (the default). The CN is the first DNS name. */
  readonly sans?: readonly string[];
}

export interface Leaf {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TestCerts {
  readonly dir: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

const DEFAULT_SANS = ['DNS:localhost', 'IP:127.0.0.1'] as const;

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, {cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000});
}

function leafIn(dir: string, caKeyFile: string, caFile: string, options: LeafOptions): Leaf {
  if (!/^[\w-]+$/.test(options.name)) throw new Error(`leaf name "${options.name}" must be letters, digits, '-' or '_'`);
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < -1) throw new Error('days must be an integer >= -1 (openssl x509 limit)');
  const sans = options.sans ?? DEFAULT_SANS;
  const cn = sans.find((s) => s.startsWith('DNS:'))?.slice(4) ?? options.name;
  const keyFile = path.join(dir, `${options.name}.key`);
  const csrFile = path.join(dir, `${options.name}.csr`);
  const extFile = path.join(dir, `${options.name}.ext`);
  const certFile = path.join(dir, `${options.name}.pem`);
  openssl(['req', '-new', '-newkey', `rsa:${options.keyBits ?? 2048}`, '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${cn}`], dir);
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
  ];
  fs.writeFileSync(extFile, `${ext.join('\n')}\n`);
  const signer = options.selfSigned
    ? ['-signkey', keyFile]
    : ['-CA', caFile, '-CAkey', caKeyFile, '-set_serial', `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`];
  openssl(
    ['x509', '-req', '-in', csrFile, ...signer, '-days', String(days), `-${options.sigHash ?? 'sha256'}`, '-extfile', extFile, '-out', certFile],
    dir,
  );
  return {certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile};
}

let cached: Promise<TestCerts & {caKeyFile: string}> | undefined;

function create(): TestCerts & {caKeyFile: string} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipcheck-certs-'));
  const caKeyFile = path.join(dir, 'ca.key');
  const caFile = path.join(dir, 'ca.pem');
  const caConf = path.join(dir, 'ca.cnf');
  fs.writeFileSync(
    caConf,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = v3_ca',
      'prompt = no',
      '[dn]',
      'CN = shipcheck test CA',
      '[v3_ca]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  openssl(['req', '-x509', '-config', caConf, '-newkey', 'rsa:2048', '-nodes', '-keyout', caKeyFile, '-out', caFile, '-days', '30', '-sha256'], dir);
  const leaf = leafIn(dir, caKeyFile, caFile, {name: 'localhost'});
  return {
    dir,
    caPem: fs.readFileSync(caFile, 'utf8'),
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
    caFile,
    certFile: leaf.certFile,
    keyFile: leaf.keyFile,
    caKeyFile,
  };
}

/** The test CA and the `localhost`/`127.0.0.1` leaf, made once per test process. */
export function testCerts(): Promise<TestCerts> {
  cached ??= new Promise((resolve, reject) => {
    try {
      resolve(create());
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return cached;
}

/** Another leaf, signed by the test CA unless `selfSigned`. */
export async function makeLeaf(options: LeafOptions): Promise<Leaf> {
  const certs = (await testCerts()) as TestCerts & {caKeyFile: string};
  return leafIn(certs.dir, certs.caKeyFile, certs.caFile, options);
}

/** Removes the folder (call from a global teardown if wanted; the OS temp dir is cleaned anyway). */
export async function removeTestCerts(): Promise<void> {
  if (!cached) return;
  const {dir} = await cached;
  fs.rmSync(dir, {recursive: true, force: true});
  cached = undefined;
}

export interface ChainLeafOptions {
  /** File name stem, unique per certificate (letters, digits, '-', '_'). */
  readonly name: string;
  /** Validity from now, in days. Default 30. */
  readonly days?: number;
  /** subjectAltName entries; default ['DNS:localhost', 'IP:127.0.0.1']. */
  readonly sans?: readonly string[];
  /**
   * An AIA "CA Issuers" URL, as publicly trusted CAs put in every certificate (nothing is served
   * there; the probe never fetches it). Omit it to mimic a private CA.
   */
  readonly caIssuersUrl?: string;
}

/** A serial number unlikely to repeat within one test process. */
function freshSerial(): string {
  return `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`;
}

/** An intermediate CA signed by the test CA. Its PEM is what a server appends to send a full chain. */
export async function makeIntermediate(name: string): Promise<Leaf> {
  if (!/^[\w-]+$/.test(name)) throw new Error(`intermediate name "${name}" must be letters, digits, '-' or '_'`);
  const certs = (await testCerts()) as TestCerts & {caKeyFile: string};
  const {dir} = certs;
  const keyFile = path.join(dir, `${name}.key`);
  const csrFile = path.join(dir, `${name}.csr`);
  const extFile = path.join(dir, `${name}.ext`);
  const certFile = path.join(dir, `${name}.pem`);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=shipcheck test ${name}`], dir);
  fs.writeFileSync(extFile, 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csrFile,
      '-CA',
      certs.caFile,
      '-CAkey',
      certs.caKeyFile,
      '-set_serial',
      freshSerial(),
      '-days',
      '30',
      '-sha256',
      '-extfile',
      extFile,
      '-out',
      certFile,
    ],
    dir,
  );
  return {certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile};
}

/** A leaf signed by `issuer` (e.g. from `makeIntermediate`), optionally naming where its issuer is published. */
export async function makeLeafSignedBy(issuer: Leaf, options: ChainLeafOptions): Promise<Leaf> {
  if (!/^[\w-]+$/.test(options.name)) throw new Error(`leaf name "${options.name}" must be letters, digits, '-' or '_'`);
  const {dir} = await testCerts();
  const sans = options.sans ?? DEFAULT_SANS;
  const keyFile = path.join(dir, `${options.name}.key`);
  const csrFile = path.join(dir, `${options.name}.csr`);
  const extFile = path.join(dir, `${options.name}.ext`);
  const certFile = path.join(dir, `${options.name}.pem`);
  const cn = sans.find((s) => s.startsWith('DNS:'))?.slice(4) ?? options.name;
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${cn}`], dir);
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
    ...(options.caIssuersUrl ? [`authorityInfoAccess=caIssuers;URI:${options.caIssuersUrl}`] : []),
  ];
  fs.writeFileSync(extFile, `${ext.join('\n')}\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csrFile,
      '-CA',
      issuer.certFile,
      '-CAkey',
      issuer.keyFile,
      '-set_serial',
      freshSerial(),
      '-days',
      String(options.days ?? 30),
      '-sha256',
      '-extfile',
      extFile,
      '-out',
      certFile,
    ],
    dir,
  );
  return {certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8'), certFile, keyFile};
}
