import { Module } from '@nestjs/common';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { IdentityModule } from '@peerline/identity';

/** What the operator commands need: configuration, the database and the identity services. */
@Module({ imports: [AppConfigModule, DbModule, IdentityModule] })
export class CliModule {}
