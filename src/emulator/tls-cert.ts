// A certificate for `emulate --tls`: made fresh for each run (no openssl on the path needed),
// valid for the loopback names a client may dial, and written to a PEM file clients can be told
// to trust. A self-signed certificate that is its own CA is a trust anchor for Node
// (NODE_EXTRA_CA_CERTS, or `ca` on a socket) and for OpenSSL (SSL_CERT_FILE).
// `selfsigned` and its certificate stack are imported here, when a certificate is made, not at
// start-up: only `emulate --tls` needs them, and loading them cost every run of the CLI ~0.1 s.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoopbackCertificate {
  key: string;
  cert: string;
  certPath: string;
  // Removes what was written, if it was a temporary file.
  remove(): Promise<void>;
}

// Short enough that a leaked file is soon worthless; long enough for any test run.
const VALID_DAYS = 7;

/** Makes a certificate for 127.0.0.1, ::1 and localhost; writes it to `certPath` ('' = a temp file). */
export async function loopbackCertificate(certPath: string): Promise<LoopbackCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000); // a client clock a little behind still accepts it
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000);
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'realtime-transcribe emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  let path = certPath;
  let dir: string | undefined;
  if (path === '') {
    dir = await mkdtemp(join(tmpdir(), 'realtime-transcribe-emulator-'));
    path = join(dir, 'cert.pem');
  }
  await writeFile(path, pems.cert, { mode: 0o644 });
  return {
    key: pems.private,
    cert: pems.cert,
    certPath: path,
    remove: async () => {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
