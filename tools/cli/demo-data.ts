import type { Role } from '@peerline/contracts';
import { ACME_AMBASSADORS, GLOBEX_AMBASSADORS, type DemoAmbassador } from './demo-ambassadors';

/** Known demo logins, also listed in the README. Never used outside development. */
export const DEMO_PASSWORD = 'peerline-demo-2026';

export interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
}
export interface DemoOrganization {
  slug: string;
  name: string;
  timeZone: string;
  users: DemoUser[];
  /** Profiles in the directory; their users are created when not in `users` (same password). */
  ambassadors: DemoAmbassador[];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    slug: 'acme',
    name: 'Acme Robotics',
    timeZone: 'Europe/Berlin',
    users: [
      { email: 'admin@acme.test', name: 'Ada Admin', roles: ['admin'] },
      { email: 'hr@acme.test', name: 'Hana Rivera', roles: ['hr'] },
      { email: 'maria.lopez@acme.test', name: 'Maria Lopez', roles: ['ambassador', 'employee'] },
      { email: 'john.okafor@acme.test', name: 'John Okafor', roles: ['ambassador', 'employee'] },
      { email: 'wei.chen@acme.test', name: 'Wei Chen', roles: ['ambassador', 'employee'] },
      { email: 'sam.patel@acme.test', name: 'Sam Patel', roles: ['employee'] },
    ],
    ambassadors: ACME_AMBASSADORS,
  },
  {
    slug: 'globex',
    name: 'Globex Systems',
    timeZone: 'America/New_York',
    users: [
      { email: 'admin@globex.test', name: 'Grace Admin', roles: ['admin'] },
      { email: 'hr@globex.test', name: 'Hugo Reyes', roles: ['hr'] },
      { email: 'lena.novak@globex.test', name: 'Lena Novak', roles: ['ambassador', 'employee'] },
      { email: 'omar.haddad@globex.test', name: 'Omar Haddad', roles: ['ambassador', 'employee'] },
      { email: 'priya.nair@globex.test', name: 'Priya Nair', roles: ['ambassador', 'employee'] },
      { email: 'tom.berg@globex.test', name: 'Tom Berg', roles: ['employee'] },
    ],
    ambassadors: GLOBEX_AMBASSADORS,
  },
];
