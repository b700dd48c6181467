import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { OutboxModule } from '@peerline/queue';
import { MailSendProcessor } from './jobs/mail-send.processor';
import { MailMessageEntity } from './mail-message.entity';
import { MailMessageRepository } from './mail-message.repository';
import { MAIL_TRANSPORT, SmtpMailTransport, type MailTransport } from './mail-transport';
import { MailService } from './mail.service';

/**
 * Mail delivery: MailService for commands, MailSendProcessor for the worker (found there by its
 * @ProcessesJob decorator). The SMTP pool connects only when the first message is sent.
 */
@Module({
  imports: [OutboxModule, TypeOrmModule.forFeature([MailMessageEntity])],
  providers: [
    MailMessageRepository,
    MailService,
    MailSendProcessor,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport => new SmtpMailTransport(config),
    },
  ],
  exports: [MailService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  // After the workers have finished their jobs (they close in beforeApplicationShutdown).
  onApplicationShutdown(): void {
    this.transport.close();
  }
}
