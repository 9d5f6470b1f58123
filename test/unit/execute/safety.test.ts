import { describe, expect, it } from 'vitest';
import { classifyRequest, type RequestClass } from '../../../src/execute/safety.ts';

describe('classifyRequest', () => {
  const table: Array<[method: string, url: string, want: RequestClass]> = [
    // Reads, whatever the path.
    ['GET', '{{url}}/JSSResource/computers', 'read'],
    ['get', '{{baseUrl}}/v1/computers-inventory', 'read'],
    ['HEAD', '{{url}}/JSSResource/buildings', 'read'],
    ['OPTIONS', '{{baseUrl}}/v1/buildings', 'read'],
    ['GET', '{{url}}/JSSResource/computercommands', 'read'],
    ['GET', '{{baseUrl}}/v1/api-integrations/1/client-credentials', 'read'],
    ['GET', '{{url}}/JSSResource/mobiledevicecommands/command/EraseDevice', 'read'],
    // Ordinary writes.
    ['POST', '{{url}}/JSSResource/buildings/id/0', 'write'],
    ['PUT', '{{url}}/JSSResource/buildings/id/1', 'write'],
    ['PATCH', '{{baseUrl}}/v1/computers-inventory-detail/1', 'write'],
    ['DELETE', '{{url}}/JSSResource/buildings/id/1', 'write'],
    ['DELETE', '{{baseUrl}}/v1/buildings/1', 'write'],
    ['POST', '{{baseUrl}}/v1/oauth/token', 'write'],
    ['POST', 'https://{{url}}/JSSResource/policies/id/0', 'write'],
    // Device commands and MDM.
    ['POST', '{{url}}/JSSResource/computercommands/command/EraseDevice/passcode/123456/id/1', 'destructive'],
    ['POST', '{{url}}/JSSResource/mobiledevicecommands/command/DeviceLock/id/1', 'destructive'],
    ['POST', '{{baseUrl}}/v2/mdm/commands', 'destructive'],
    ['POST', '{{baseUrl}}/v1/mdm/renew-profile', 'destructive'],
    ['POST', '{{baseUrl}}/v1/mdm/blank-push', 'destructive'],
    ['POST', '{{baseUrl}}/v1/mobile-devices/1/erase', 'destructive'],
    ['POST', '{{baseUrl}}/v1/computer-inventory/1/remove-mdm-profile', 'destructive'],
    ['POST', '{{baseUrl}}/v1/jamf-management-framework/redeploy/1', 'destructive'],
    ['POST', '{{baseUrl}}/v1/mobile-devices/1/unmanage', 'destructive'],
    // History flushes, credentials, tokens.
    ['DELETE', '{{url}}/JSSResource/commandflush/computers/id/1/status/Pending', 'destructive'],
    ['DELETE', '{{url}}/JSSResource/logflush/policy/id/1/interval/3+months', 'destructive'],
    ['POST', '{{baseUrl}}/v1/api-integrations/2/client-credentials', 'destructive'],
    ['POST', '{{baseUrl}}/v1/auth/invalidate-token', 'destructive'],
    // Deleting devices, people and API access.
    ['DELETE', '{{url}}/JSSResource/computers/id/1', 'destructive'],
    ['DELETE', '{{url}}/JSSResource/mobiledevices/serialnumber/C02X', 'destructive'],
    ['DELETE', '{{url}}/JSSResource/accounts/userid/3', 'destructive'],
    ['DELETE', 'https://{{url}}/JSSResource/computergroups/id/7', 'destructive'],
    ['DELETE', '{{baseUrl}}/v1/computers-inventory/1', 'destructive'],
    ['DELETE', '{{baseUrl}}/v2/mobile-devices/1', 'destructive'],
    ['DELETE', '{{baseUrl}}/v1/api-roles/1', 'destructive'],
    ['DELETE', 'https://jamf.example/api/v1/api-integrations/1', 'destructive'],
  ];
  for (const [method, url, want] of table) {
    it(`${method} ${url} → ${want}`, () => {
      const verdict = classifyRequest(method, url);
      expect(verdict.class).toBe(want);
      if (want === 'destructive') expect(verdict.why).toBeTruthy();
    });
  }
});
