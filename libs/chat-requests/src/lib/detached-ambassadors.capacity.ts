import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AmbassadorsModule, AmbassadorsService } from '@peerline/ambassadors';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityPort } from './capacity.port';

@Global()
@Module({})
class HostBindingsModule {}

@Module({})
class DetachedAmbassadorsHostModule {
  static with(dataSource: DataSource, config: AppConfig): DynamicModule {
    return {
      module: DetachedAmbassadorsHostModule,
      imports: [
        {
          module: HostBindingsModule,
          global: true,
          providers: [
            { provide: DataSource, useValue: dataSource },
            { provide: APP_CONFIG, useValue: config },
          ],
          exports: [DataSource, APP_CONFIG],
        },
        AmbassadorsModule,
      ],
    };
  }
}

/**
 * Capacity for the worker. AmbassadorsModule brings HTTP controllers and IdentityModule's global
 * auth guard, so importing it into the worker would publish the login and directory routes on
 * the worker's health port. Until the ambassadors lib offers a module without controllers, the
 * worker builds AmbassadorsService in a separate application context (no HTTP server) that shares
 * this process's DataSource; reservations still run in the caller's transaction. Built on first
 * use, closed with the worker.
 */
@Injectable()
export class DetachedAmbassadorsCapacity extends CapacityPort implements OnApplicationShutdown {
  private context: Promise<INestApplicationContext> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private async service(): Promise<AmbassadorsService> {
    this.context ??= NestFactory.createApplicationContext(
      DetachedAmbassadorsHostModule.with(this.dataSource, this.config),
      { abortOnError: false },
    );
    try {
      return (await this.context).get(AmbassadorsService);
    } catch (err) {
      this.context = undefined;
      throw err;
    }
  }

  async reserve(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    at: Date,
    reference: string,
  ): Promise<boolean> {
    return (await this.service()).reserveCapacity(tx, organizationId, ambassadorId, at, reference);
  }

  async release(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    reference: string,
  ): Promise<boolean> {
    return (await this.service()).releaseCapacity(tx, organizationId, ambassadorId, reference);
  }

  async onApplicationShutdown(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    if (context) await (await context).close();
  }
}
