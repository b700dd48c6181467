export * from './lib/mail.service';
export * from './lib/mail-transport';
export * from './lib/smtp-error';
export * from './lib/jobs/mail-send.processor';
export * from './lib/notifications.module';
