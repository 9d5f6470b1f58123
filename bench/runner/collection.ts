/** The benchmark collections: N GETs of one building each (one `pm.test` each, or none), flat or in folders. */
export function benchCollection(requests: number, withTest: boolean, perFolder = 0): object {
  const items: object[] = [];
  for (let i = 0; i < requests; i++) {
    items.push({
      name: `building ${i}`,
      request: { method: 'GET', url: `{{baseUrl}}/v1/buildings/${(i % 30) + 1}`, header: [{ key: 'Accept', value: 'application/json' }] },
      ...(withTest
        ? { event: [{ listen: 'test', script: { exec: ["pm.test('200', function () { pm.response.to.have.status(200); });"] } }] }
        : {}),
    });
  }
  // Jamf's own collections keep a folder per resource.
  const item = perFolder > 0
    ? Array.from({ length: Math.ceil(items.length / perFolder) }, (_, f) => ({ name: `folder ${f + 1}`, item: items.slice(f * perFolder, (f + 1) * perFolder) }))
    : items;
  return {
    info: { name: `bench ${requests}`, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}' }] },
    item,
  };
}
