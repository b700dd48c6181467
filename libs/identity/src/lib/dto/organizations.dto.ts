import type { Role } from '@peerline/contracts';

/** What the CLI and the seed get back; entities stay inside the lib. */
export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

export interface CreateOrganizationInput {
  slug: string;
  name: string;
  /** IANA zone, e.g. Europe/Berlin; UTC when omitted. */
  timeZone?: string;
}

export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  password: string;
}
