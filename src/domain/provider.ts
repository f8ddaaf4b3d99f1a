/**
 * A vendor's id, as its module declares it ("RINGCENTRAL"). The one list of vendors is the registry in
 * vendors/registry.ts; the domain only needs to carry the id.
 */
export type Provider = string;

