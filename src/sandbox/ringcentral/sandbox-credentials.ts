/** The RingCentral simulator's demo credentials (documented in the README). */
export const RC_SANDBOX_CREDENTIALS = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', jwt: 'sandbox-jwt' } as const;
