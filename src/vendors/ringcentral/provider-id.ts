/** RingCentral's provider id: the GraphQL `Provider` value and the first part of every global id it owns. */
export const RINGCENTRAL = 'RINGCENTRAL';
