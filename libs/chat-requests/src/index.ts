export { ChatRequestsModule, ChatRequestsWorkerModule } from './lib/chat-requests.module';
export { IntakeService } from './lib/intake.service';
export { RequesterService } from './lib/requester.service';
export { ModerationService } from './lib/moderation.service';
export { InboxService } from './lib/inbox.service';
export { DeliveryService, type DeliveryOutcome } from './lib/delivery.service';
export { chatRequestsErrors, type ChatRequestsErrorCode } from './lib/chat-requests.errors';
export {
  CHAT_REQUEST_STATUSES,
  OPEN_STATUSES,
  HOLDS_CAPACITY,
  canTransition,
  type ChatRequestStatus,
} from './lib/chat-request.states';
export type { CreateChatRequestDto } from './lib/dto/intake.dto';
export type { VerifyResultDto, RequesterStatusDto, InboxItemDto } from './lib/dto/chat-request.dto';
export { ExpireUnverifiedProcessor } from './lib/jobs/expire-unverified.processor';
export { RetryWaitingProcessor } from './lib/jobs/retry-waiting.processor';
export { TriageService } from './lib/triage.service';
export { ServiceLevelSweep, type SweepResult } from './lib/service-level.sweep';
export { ServiceLevelProcessor } from './lib/jobs/service-level.processor';
export { TriageLinks } from './lib/triage-links.util';
export { DECLINE_TEMPLATES, type DeclineTemplate } from './lib/decline-templates';
export { CHAT_OUTCOMES, type ChatOutcome } from './lib/chat-request.types';
export {
  OrgScreeningModels,
  MIN_LABELS_PER_CLASS,
  type RetrainOutcome,
} from './lib/org-screening-models.service';
export { RetrainOrgModelsProcessor } from './lib/jobs/retrain-org-models.processor';
