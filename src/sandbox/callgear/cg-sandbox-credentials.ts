/** The CallGear simulator's demo credentials (documented in the README): a permanent API key, and a user for login.user. */
export const CG_SANDBOX_CREDENTIALS = { accessToken: 'sandbox-token', login: 'sandbox', password: 'sandbox-password' } as const;
