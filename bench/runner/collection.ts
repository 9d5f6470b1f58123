/** The benchmark collection: N GETs of one building each, with or without one `pm.test`. */
export function benchCollection(requests: number, withTest: boolean): object {
  const item = [];
  for (let i = 0; i < requests; i++) {
    item.push({
      name: `building ${i}`,
      request: { method: 'GET', url: `{{baseUrl}}/v1/buildings/${(i % 30) + 1}`, header: [{ key: 'Accept', value: 'application/json' }] },
      ...(withTest
        ? { event: [{ listen: 'test', script: { exec: ["pm.test('200', function () { pm.response.to.have.status(200); });"] } }] }
        : {}),
    });
  }
  return {
    info: { name: `bench ${requests}`, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}' }] },
    item,
  };
}
