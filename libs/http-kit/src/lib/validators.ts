import { isEmail, isURL, ValidateBy, type ValidationOptions } from 'class-validator';

// C0 controls other than tab, newline and carriage return, and DEL: PostgreSQL refuses NUL in
// text, and no person types the others into a form.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

// Half of a UTF-16 surrogate pair on its own: not text, and validator.js's isEmail and isURL
// throw on it (encodeURI) instead of answering false.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function isText(value: unknown): value is string {
  return typeof value === 'string' && !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

/** Free text a person could have typed: a string without control characters. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value: unknown) => isText(value),
        defaultMessage: () => '$property must be text without control characters',
      },
    },
    options,
  );
}

/** An address MailService can send to; never throws, whatever the input. */
export function IsMailableEmail(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMailableEmail',
      validator: {
        validate: (value: unknown) => {
          if (!isText(value) || !MAILABLE_ADDRESS.test(value)) return false;
          try {
            return isEmail(value, {
              allow_display_name: false,
              allow_ip_domain: false,
              require_tld: true,
            });
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be an e-mail address',
      },
    },
    options,
  );
}

/** An http(s) URL; never throws, whatever the input. */
export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value: unknown) => {
          if (!isText(value)) return false;
          try {
            return isURL(value, { protocols: ['http', 'https'], require_protocol: true });
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be an http or https URL',
      },
    },
    options,
  );
}

/** Not empty once surrounding white space is removed. */
export function HasText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}

// The shape MailService accepts, so every address that passes validation can be mailed.
export const MAILABLE_ADDRESS = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/u;

/** UUID of any version, lower or upper case: ids of other libs are made by gen_random_uuid(). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
