/** Writes to the table-defined Classic resources, commands and flushes, over the default seed. */
import { describe, expect, it } from 'vitest';
import { createClassicHandler } from '../../../src/simulator/classic/index.ts';
import { request, seededDeps } from './support.ts';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

function setup(): { store: ReturnType<typeof seededDeps>['store']; call: (method: string, path: string, body?: string) => { status: number; body: string } } {
  const { deps, store } = seededDeps();
  const handle = createClassicHandler(deps);
  return {
    store,
    call: (method, path, body) => {
      const response = handle(request(method, path, body === undefined ? {} : { type: 'application/xml', body }));
      return { status: response.status, body: String(response.body) };
    },
  };
}

describe('Classic table resources: writes', () => {
  it('POST to id/0 creates and answers 201 with the new id; the object reads back by id and name', () => {
    const { call } = setup();
    const created = call('POST', '/JSSResource/webhooks/id/0', '<webhook><name>New hook</name><url>https://hooks.example.com/a</url><event>ComputerAdded</event></webhook>');
    expect(created).toEqual({ status: 201, body: `${XML_HEAD}<webhook><id>3</id></webhook>` });
    expect(call('GET', '/JSSResource/webhooks/id/3').body).toContain('<name>New hook</name><enabled>true</enabled><url>https://hooks.example.com/a</url>');
    expect(call('GET', '/JSSResource/webhooks/name/new%20hook').status).toBe(200);
  });

  it('PUT changes only what the body names', () => {
    const { call } = setup();
    expect(call('PUT', '/JSSResource/dockitems/id/1', '<dock_item><path>file://localhost/Applications/Safari%20Beta.app/</path></dock_item>'))
      .toEqual({ status: 201, body: `${XML_HEAD}<dock_item><id>1</id></dock_item>` });
    expect(call('GET', '/JSSResource/dockitems/id/1').body).toContain('<name>Safari</name><type>App</type><path>file://localhost/Applications/Safari%20Beta.app/</path>');
  });

  it('PUT and DELETE work by name too', () => {
    const { call } = setup();
    expect(call('PUT', '/JSSResource/ibeacons/name/Room%20101', '<ibeacon><minor>102</minor></ibeacon>').status).toBe(201);
    expect(call('GET', '/JSSResource/ibeacons/id/2').body).toContain('<minor>102</minor>');
    expect(call('DELETE', '/JSSResource/ibeacons/name/Room%20101')).toEqual({ status: 200, body: `${XML_HEAD}<ibeacon><id>2</id></ibeacon>` });
    expect(call('GET', '/JSSResource/ibeacons/id/2').status).toBe(404);
  });

  it('a static group takes additions and deletions, and the computers show it', () => {
    const { call } = setup();
    const body = '<computer_group><computer_additions><computer><id>10</id></computer><computer><name>MAC-011</name></computer></computer_additions><computer_deletions><computer><id>1</id></computer></computer_deletions></computer_group>';
    expect(call('PUT', '/JSSResource/computergroups/id/5', body).status).toBe(201);
    const group = call('GET', '/JSSResource/computergroups/id/5').body;
    expect(group).toContain('<computers><size>6</size>');
    expect(group).toContain('<name>MAC-010</name>');
    expect(group).toContain('<name>MAC-011</name>');
    expect(group).not.toContain('<name>MAC-001</name>');
    expect(call('GET', '/JSSResource/computers/id/10/subset/GroupsAccounts').body).toContain('<group>Pilot Group</group>');
    expect(call('GET', '/JSSResource/computers/id/1/subset/GroupsAccounts').body).not.toContain('Pilot Group');
  });

  it('a singleton takes PUT (201, no id) and keeps what the body does not name', () => {
    const { call } = setup();
    expect(call('PUT', '/JSSResource/smtpserver', '<smtp_server><host>mail.example.org</host></smtp_server>')).toEqual({ status: 201, body: '' });
    expect(call('GET', '/JSSResource/smtpserver').body).toContain('<host>mail.example.org</host><port>587</port>');
  });

  it('a script written through the Classic API is stored in the Jamf Pro API\'s shape', () => {
    const { call, store } = setup();
    const created = call('POST', '/JSSResource/scripts/id/0', '<script><name>hello.sh</name><category>Security</category><priority>Before</priority><script_contents>echo hi</script_contents><parameters><parameter4>Mode</parameter4></parameters></script>');
    expect(created.status).toBe(201);
    const id = /<id>(\d+)<\/id>/.exec(created.body)?.[1] ?? '';
    expect(store.get('scripts', id)).toMatchObject({ name: 'hello.sh', categoryId: '5', categoryName: 'Security', priority: 'BEFORE', scriptContents: 'echo hi', parameter4: 'Mode', parameter5: '' });
    expect(call('GET', `/JSSResource/scripts/id/${id}`).body).toContain(`<script_contents_encoded>${Buffer.from('echo hi').toString('base64')}</script_contents_encoded>`);
  });

  it('a package written through the Classic API gets the Jamf Pro API\'s defaults', () => {
    const { call, store } = setup();
    const created = call('POST', '/JSSResource/packages/id/0', '<package><name>Tool 1.0</name><filename>tool-1.0.pkg</filename></package>');
    const id = /<id>(\d+)<\/id>/.exec(created.body)?.[1] ?? '';
    expect(store.get('packages', id)).toMatchObject({ packageName: 'Tool 1.0', fileName: 'tool-1.0.pkg', priority: 10, rebootRequired: false, categoryId: '-1', cloudTransferStatus: 'NOT_READY' });
  });

  const refusals = [
    { name: 'duplicate name', method: 'POST', path: '/JSSResource/printers/id/0', body: '<printer><name>library mono</name></printer>', status: 409, reason: 'Error: Duplicate name' },
    { name: 'missing name', method: 'POST', path: '/JSSResource/networksegments/id/0', body: '<network_segment><starting_address>10.9.0.1</starting_address></network_segment>', status: 409, reason: 'Error: Missing name' },
    { name: 'package without a file name', method: 'POST', path: '/JSSResource/packages/id/0', body: '<package><name>No File</name></package>', status: 409, reason: 'Error: Problem with filename' },
    { name: 'duplicate package file name', method: 'POST', path: '/JSSResource/packages/id/0', body: '<package><name>Other</name><filename>package-01.pkg</filename></package>', status: 409, reason: 'Error: Duplicate filename' },
    { name: 'unknown category', method: 'POST', path: '/JSSResource/scripts/id/0', body: '<script><name>x.sh</name><category>Nope</category></script>', status: 409, reason: 'Error: Problem with category' },
    { name: 'malformed XML', method: 'PUT', path: '/JSSResource/sites/id/1', body: '<site><name>x</site>', status: 400 },
    { name: 'PUT to an unknown name', method: 'PUT', path: '/JSSResource/webhooks/name/Nope', body: '<webhook><name>x</name></webhook>', status: 404 },
    { name: 'POST where Jamf has none', method: 'POST', path: '/JSSResource/patchinternalsources/id/0', body: '<patch_internal_source><name>x</name></patch_internal_source>', status: 405 },
    { name: 'PUT where Jamf has none', method: 'PUT', path: '/JSSResource/allowedfileextensions/id/1', body: '<allowed_file_extension><extension>x</extension></allowed_file_extension>', status: 405 },
    { name: 'DELETE of a singleton', method: 'DELETE', path: '/JSSResource/activationcode', status: 405 },
    { name: 'writes to a read-only view', method: 'PUT', path: '/JSSResource/computerhistory/id/1', body: '<computer_history/>', status: 405 },
  ];
  it.each(refusals)('$name → $status', ({ method, path, body, status, reason }) => {
    const { call } = setup();
    const response = call(method, path, body);
    expect(response.status).toBe(status);
    if (reason !== undefined) expect(response.body).toContain(`<p>${reason}</p>`);
  });
});

describe('Classic commands', () => {
  it('sends a mobile device command and shows it in the device history', () => {
    const { call } = setup();
    const sent = call('POST', '/JSSResource/mobiledevicecommands/command/DeviceLock/Found%20me/id/1,2,999');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatch(/<mobile_device_command><id>4<\/id><uuid>c0ffee00-0000-4000-8000-000000000004<\/uuid><command>DeviceLock<\/command><mobile_devices><mobile_device><id>1<\/id><status>Command sent<\/status><\/mobile_device><mobile_device><id>2<\/id>/);
    expect(call('GET', '/JSSResource/mobiledevicehistory/id/1/subset/ManagementCommands').body).toContain('<pending><size>1</size><command><name>DeviceLock</name>');
  });

  it('sends a computer command listed in an XML body', () => {
    const { call } = setup();
    const sent = call('POST', '/JSSResource/computercommands/command/BlankPush', '<computer_command><computers><computer><id>4</id></computer></computers></computer_command>');
    expect(sent.body).toBe(`${XML_HEAD}<computer_command><command><name>BlankPush</name><command_uuid>c0ffee00-0000-4000-8000-000000000004</command_uuid><computer_id>4</computer_id></command></computer_command>`);
    expect(call('GET', '/JSSResource/computercommands/name/BlankPush').body).toContain('<computer_commands><size>2</size>');
  });

  it('refuses a command for devices that do not exist', () => {
    const { call } = setup();
    expect(call('POST', '/JSSResource/computercommands/command/BlankPush/id/999').status).toBe(409);
  });

  it('flushes pending commands of a device', () => {
    const { call } = setup();
    expect(call('DELETE', '/JSSResource/commandflush/mobiledevices/id/2/status/Pending').body).toContain('<commands_removed>1</commands_removed>');
    expect(call('GET', '/JSSResource/mobiledevicecommands/command/DeviceLock').body).toContain('<size>0</size>');
  });

  it('creates a patch policy for a software title', () => {
    const { call } = setup();
    const created = call('POST', '/JSSResource/patchpolicies/softwaretitleconfig/id/1', '<patch_policy><general><name>Chrome pilot</name><target_version>138.0.7204.50</target_version></general></patch_policy>');
    expect(created.status).toBe(201);
    expect(call('GET', '/JSSResource/patchpolicies/softwaretitleconfig/id/1').body).toContain('<name>Chrome pilot</name>');
  });

  it('takes log flushes and file uploads for objects that exist', () => {
    const { call } = setup();
    expect(call('DELETE', '/JSSResource/logflush/policy/id/1/interval/Three+Months').status).toBe(200);
    expect(call('DELETE', '/JSSResource/logflush/policy/interval/sometime').status).toBe(400);
    expect(call('POST', '/JSSResource/fileuploads/computers/id/1', 'file bytes').status).toBe(201);
    expect(call('POST', '/JSSResource/fileuploads/computers/id/999', 'file bytes').status).toBe(404);
  });
});
