/** Reads of the table-defined and derived Classic resources over the default seed. */
import { describe, expect, it } from 'vitest';
import { createClassicHandler } from '../../../src/simulator/classic/index.ts';
import { request, seededDeps } from './support.ts';

const { deps, store } = seededDeps();
const handle = createClassicHandler(deps);
const get = (path: string, accept?: string): { status: number; body: string } => {
  const response = handle(request('GET', path, accept === undefined ? {} : { accept }));
  return { status: response.status, body: String(response.body) };
};
const count = (text: string, element: string): number => text.split(`<${element}>`).length - 1;

describe('Classic table resources: reads', () => {
  const cases = [
    { path: '/JSSResource/activationcode', contains: ['<activation_code><organization_name>'], lacks: ['<id>'] },
    { path: '/JSSResource/smtpserver', contains: ['<smtp_server><enabled>true</enabled><host>smtp.example.com</host><port>587</port>'], lacks: ['<id>'] },
    { path: '/JSSResource/infrastructuremanager', contains: ['<infrastructure_managers><infrastructure_manager><id>1</id><uuid>'], lacks: ['<size>'] },
    { path: '/JSSResource/healthcarelistener/id/1', contains: ['<rules><size>2</size><rule><id>1</id><hcl_id>1</hcl_id>'] },
    { path: '/JSSResource/allowedfileextensions/extension/pdf', contains: ['<allowed_file_extension><id>1</id><extension>pdf</extension>'] },
    { path: '/JSSResource/webhooks/name/Inventory%20to%20CMDB', contains: ['<webhook><id>1</id><name>Inventory to CMDB</name><enabled>true</enabled>'] },
    { path: '/JSSResource/ldapservers/id/1', contains: ['<ldap_server><connection><id>1</id><name>Corporate Directory</name>'] },
    { path: '/JSSResource/ldapservers/name/Corporate%20Directory/group/Staff/user/ada.hamilton', contains: ['<ldap_user><username>ada.hamilton</username><is_member>Yes</is_member>'] },
    { path: '/JSSResource/ldapservers/id/1/user/grace*', contains: ['<ldap_users><size>2</size>'] },
    { path: '/JSSResource/scripts/id/1', contains: ['<script><id>1</id><name>script-01.sh</name><category>Applications</category>', '<priority>Before</priority>', '<script_contents_encoded>'] },
    { path: '/JSSResource/packages/name/Package%2002', contains: ['<package><id>2</id><name>Package 02</name>', '<filename>package-02.pkg</filename>'] },
    { path: '/JSSResource/sites', contains: ['<sites><size>5</size><site><id>2</id><name>East Campus</name></site>'] },
    { path: '/JSSResource/users/name/ada.hamilton', contains: ['<links><computers><computer><id>1</id><name>MAC-001</name></computer><computer><id>11</id>'] },
    { path: '/JSSResource/users/email/ada.hamilton%40example.com', contains: ['<user><id>1</id><name>ada.hamilton</name>'] },
    { path: '/JSSResource/mobiledeviceapplications/bundleid/com.apple.Keynote/version/14.4', contains: ['<bundle_id>com.apple.Keynote</bundle_id>'] },
    { path: '/JSSResource/mobiledeviceenrollmentprofiles/invitation/302225835130913036642069505756364850493', contains: ['<name>Cart Devices</name>'] },
    { path: '/JSSResource/patchreports/patchsoftwaretitleid/1', contains: ['<patch_report><name>Google Chrome</name><patch_software_title_id>1</patch_software_title_id><total_computers>40</total_computers><total_versions>3</total_versions>'] },
    { path: '/JSSResource/patchpolicies/softwaretitleconfig/id/2', contains: ['<patch_policies><size>1</size><patch_policy><id>2</id><name>Slack - Self Service</name>'] },
    { path: '/JSSResource/patchavailabletitles/sourceid/1', contains: ['<available_titles><size>3</size>'] },
    { path: '/JSSResource/policies/category/Applications', contains: ['<policies><size>2</size>'] },
    { path: '/JSSResource/computerhistory/id/1/subset/Commands', contains: ['<computer_history><commands><completed><size>2</size>'] },
    { path: '/JSSResource/mobiledevicehistory/udid/00008101-001A0000000000', contains: ['<pending><size>0</size></pending><failed><size>1</size><command><name>EnableLostMode</name>'] },
    { path: '/JSSResource/computermanagement/id/1/subset/SmartGroups', contains: ['<smart_groups><size>2</size><group><id>1</id><name>All Managed Clients</name></group><group><id>4</id><name>Engineering Macs</name>'] },
    { path: '/JSSResource/computercommands/uuid/c0ffee00-0000-4000-8000-000000000002', contains: ['<command>BlankPush</command>', '<computers><size>2</size>'] },
    { path: '/JSSResource/mobiledevicecommands/command/DeviceLock', contains: ['<mobile_device_commands><size>1</size>'] },
    { path: '/JSSResource/computerapplications/application/Slack*/version/4.45*', contains: ['<versions><version><number>4.45.60</number>'], lacks: ['4.44.65'] },
    { path: '/JSSResource/computerapplicationusage/id/1/2026-06-01_2026-06-03', contains: ['<usage><date>2026/06/01</date>', '<usage><date>2026/06/03</date>'] },
    { path: '/JSSResource/computerhardwaresoftwarereports/serialnumber/C02000000XYZ/2026-06-01_2026-06-02/subset/HardwareReport', contains: ['<computer_hardware_software_reports><hardware_report>'], lacks: ['<software_report>'] },
  ];
  it.each(cases)('GET $path', ({ path, contains, lacks = [] }) => {
    const { status, body } = get(path);
    expect(status, body).toBe(200);
    for (const part of contains) expect(body).toContain(part);
    for (const part of lacks) expect(body).not.toContain(part);
  });

  it('answers JSON with lists as arrays on Accept: application/json', () => {
    const body = JSON.parse(get('/JSSResource/dockitems', 'application/json').body) as { dock_items: Array<{ id: number; name: string }> };
    expect(body.dock_items.map((item) => item.name)).toEqual(['Downloads', 'Safari', 'Self Service']);
    const one = JSON.parse(get('/JSSResource/computergroups/id/6', 'application/json').body) as { computer_group: { computers: Array<{ id: number }> } };
    expect(one.computer_group.computers.map((computer) => computer.id)).toEqual([38, 39, 40]);
  });

  it('works out smart group members from their criteria', () => {
    const arm = store.list('computers').filter((computer) => (computer['hardware'] as Record<string, unknown>)['processorArchitecture'] === 'arm64');
    expect(count(get('/JSSResource/computergroups/id/3').body, 'computer')).toBe(arm.length);
    expect(count(get('/JSSResource/computergroups/name/All%20Managed%20Clients').body, 'computer')).toBe(40);
    expect(count(get('/JSSResource/mobiledevicegroups/id/2').body, 'mobile_device')).toBe(3);
  });

  it('shows an advanced search\'s results with its display fields', () => {
    const body = get('/JSSResource/advancedcomputersearches/id/1').body;
    expect(body).toContain('<computer><id>1</id><name>MAC-001</name><udid>');
    expect(body).toContain('<Computer_Name>MAC-001</Computer_Name><Operating_System_Version>14.7.6</Operating_System_Version>');
    expect(body).not.toContain('<name>MAC-002</name>');
  });

  it('matches computers with * as a wildcard', () => {
    expect(count(get('/JSSResource/computers/match/MAC-00*').body, 'computer')).toBe(9);
    expect(count(get('/JSSResource/computers/match/name/MAC-040').body, 'computer')).toBe(1);
  });

  const misses = [
    '/JSSResource/webhooks/name/Nope',
    '/JSSResource/users/email/nobody%40example.com',
    '/JSSResource/computerhistory/serialnumber/NOPE',
    '/JSSResource/computerapplicationusage/id/1/2026-06-30_2026-06-01',
    '/JSSResource/computerapplicationusage/id/1/yesterday_today',
    '/JSSResource/patchreports/patchsoftwaretitleid/99',
    '/JSSResource/ldapservers/id/9/user/ada.hamilton',
  ];
  it.each(misses)('GET %s → 404', (path) => {
    expect(get(path).status).toBe(404);
  });
});
