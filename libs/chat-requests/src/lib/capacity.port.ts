import type { EntityManager } from 'typeorm';

/**
 * The ambassadors lib's weekly capacity, as delivery needs it: both calls run inside the caller's
 * transaction. The api binds it to AmbassadorsService; the worker to a detached instance of it
 * (see detached-ambassadors.capacity.ts).
 */
export abstract class CapacityPort {
  abstract reserve(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    at: Date,
    reference: string,
  ): Promise<boolean>;

  abstract release(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    reference: string,
  ): Promise<boolean>;
}

interface CapacityHolder {
  reserveCapacity(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    at: Date,
    reference: string,
  ): Promise<boolean>;
  releaseCapacity(
    tx: EntityManager,
    organizationId: string,
    ambassadorId: string,
    reference: string,
  ): Promise<boolean>;
}

/** Adapts AmbassadorsService (or anything with its two capacity methods) to the port. */
export class ServiceCapacity extends CapacityPort {
  constructor(private readonly service: () => Promise<CapacityHolder> | CapacityHolder) {
    super();
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
}
