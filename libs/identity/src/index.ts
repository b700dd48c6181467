export { IdentityModule } from './lib/identity.module';
export { AuthGuard } from './lib/auth.guard';
export { RolesGuard } from './lib/roles.guard';
export { Roles } from './lib/roles.decorator';
export { Public } from './lib/public.decorator';
export { CurrentActor } from './lib/current-actor.decorator';
export { IS_PUBLIC_KEY, ROLES_KEY, API_KEY_HEADER } from './lib/auth.constants';
export { OrganizationsService } from './lib/organizations.service';
export { UsersService } from './lib/users.service';
export { AuditService, type AuditRecord } from './lib/audit.service';
export { SYSTEM_ACTOR, type SystemActor, type AuditActor } from './lib/actor.util';
export { identityErrors, type IdentityErrorCode } from './lib/identity.errors';
export type {
  OrganizationView,
  CreateOrganizationInput,
  CreateUserInput,
} from './lib/dto/organizations.dto';
export type { UserDto, MeDto } from './lib/dto/users.dto';
export type { TokenPairDto } from './lib/dto/auth.dto';
