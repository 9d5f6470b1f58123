/** TLS settings of a run: `--insecure` and `--ca FILE` (PEM), checked when given, not at the first handshake. */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { JamfContractError } from '../errors.ts';

export interface TlsOptions {
  insecure?: boolean;
  /** Path of a PEM file with extra CA certificates. */
  caFile?: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM text of `--ca`, refused with a clear error when it is not one or more PEM certificates. */
export function readCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new JamfContractError('CONFIG_INVALID', `Cannot read the CA file given with --ca: "${file}".`, { cause });
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new JamfContractError('CONFIG_INVALID', `--ca "${file}" holds no PEM certificate (-----BEGIN CERTIFICATE----- …). Export the CA certificate as PEM (e.g. openssl x509 -inform der -in ca.cer -out ca.pem).`);
  }
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (cause) {
      throw new JamfContractError('CONFIG_INVALID', `--ca "${file}": certificate ${i + 1} of ${blocks.length} does not parse as X.509.`, { cause });
    }
  }
  return blocks.join('\n');
}
