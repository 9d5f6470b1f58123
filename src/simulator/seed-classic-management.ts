export function classicManagementObjects(): Record<string, Record<string, unknown>[]> { return {}; }
