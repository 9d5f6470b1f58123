/**
 * Which property of a list item names it, by Jamf's usual rule (the simulator serves ids by
 * it, and `generate` chains list → detail by it): the detail path's parameter name when the
 * item has it (`deviceId`), else `id`, else a property named after the parameter's stem
 * (`languageId` → `languageCode`), else the first `…Id` / `…Uuid` property.
 */
export function idProperty(properties: object, param: string | undefined): string | undefined {
  const names = Object.keys(properties);
  if (param && names.includes(param)) return param;
  if (names.includes('id')) return 'id';
  const stem = param?.replace(/(Id|-id|ID)$/, '');
  if (stem && stem !== param) {
    const named = names.find((n) => n.startsWith(stem));
    if (named) return named;
  }
  return names.find((n) => /(Id|Uuid|UUID)$/.test(n));
}

/** Path parameters that name an object by id (`id`, `computerId`, `panel-id`), as opposed to a kind or a name. */
export const ID_LIKE = /(^id$|Id$|-id$|ID$)/;
