import { Module } from '@nestjs/common';
import { AmbassadorsModule } from '@peerline/ambassadors';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { IdentityModule } from '@peerline/identity';

/** What the operator commands need: configuration, the database, identity and the directory. */
@Module({ imports: [AppConfigModule, DbModule, IdentityModule, AmbassadorsModule] })
export class CliModule {}
