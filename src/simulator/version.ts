/**
 * What a simulated Jamf Pro version changes: which auth schemes exist, and which of the two
 * resource profiles (11.29.1, 11.30.1) its endpoints and deprecations follow.
 */
import { JamfContractError } from '../errors.ts';

export type Profile = '11.29.1' | '11.30.1';

export interface VersionInfo {
  version: string;
  profile: Profile;
  /** User bearer tokens (`/api/v1/auth/token`) exist from 10.35. */
  userTokens: boolean;
  /** Client credentials exist from 10.49. */
  clientCredentials: boolean;
  /** Basic auth on the Classic API exists below 11.5; whether it is on is the seed's choice. */
  basicPossible: boolean;
  /** Below 10.35 Basic is the only scheme, so it cannot be off. */
  basicOnly: boolean;
  /** Basic was on by default for servers older than 10.42. */
  basicDefault: boolean;
}

export function parseVersion(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) {
    throw new JamfContractError('CONFIG_INVALID', `Jamf Pro version "${version}" is not of the form x.y.z (e.g. 11.30.1).`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function below(v: [number, number, number], major: number, minor: number): boolean {
  return v[0] < major || (v[0] === major && v[1] < minor);
}

export function versionInfo(version: string): VersionInfo {
  const v = parseVersion(version);
  return {
    version,
    profile: below(v, 11, 30) ? '11.29.1' : '11.30.1',
    userTokens: !below(v, 10, 35),
    clientCredentials: !below(v, 10, 49),
    basicPossible: below(v, 11, 5),
    basicOnly: below(v, 10, 35),
    basicDefault: below(v, 10, 42),
  };
}
