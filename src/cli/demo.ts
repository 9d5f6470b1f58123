/** The embedded simulator's demo API client (exists only in the simulator; see README). */
export const DEMO_CREDENTIALS = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const;
