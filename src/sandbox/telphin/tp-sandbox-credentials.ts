/** The Telphin simulator's demo credentials (documented in the README) and the sandbox client's numeric id. */
export const TP_SANDBOX_CREDENTIALS = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' } as const;
export const TP_SANDBOX_CLIENT = 37649;
