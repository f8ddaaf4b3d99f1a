import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { PHONE_FORMS } from '../history/normalized-filter';
import { GlobalIdType, tryDecodeGlobalId } from '../history/global-id';
import { parsePhoneQuery } from '../domain/phone-number';
import { MAX_WINDOW_DAYS, windowProblem } from '../domain/window';

/** Each value is a well-formed global id of the given type. */
export function IsGlobalIdOf(type: GlobalIdType, options?: ValidationOptions) {
  return (target: object, propertyName: string): void =>
    registerDecorator({
      name: 'isGlobalIdOf',
      target: target.constructor,
      propertyName,
      options: { message: `each value must be a ${type} id`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && tryDecodeGlobalId(value)?.type === type },
    });
}

/**
 * `from` lies before the sibling `to`, at most MAX_WINDOW_DAYS earlier. Without `to` the service checks it
 * against the walk's asOf (a walk's later pages keep the window it started with).
 */
export function IsWindowStart(options?: ValidationOptions) {
  return (target: object, propertyName: string): void =>
    registerDecorator({
      name: 'isWindowStart',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          !(args.object as { to?: Date | null }).to || windowProblem(value as Date | null, (args.object as { to?: Date | null }).to, MAX_WINDOW_DAYS, Date.now()) === null,
        defaultMessage: (args: ValidationArguments) =>
          windowProblem(args.value as Date, (args.object as { to?: Date | null }).to, MAX_WINDOW_DAYS, Date.now()) ?? 'is invalid',
      },
    });
}

/** The value can be normalized to an E.164 phone number. */
export function IsPhoneNumber(options?: ValidationOptions) {
  return (target: object, propertyName: string): void =>
    registerDecorator({
      name: 'isPhoneNumber',
      target: target.constructor,
      propertyName,
      options: { message: `must be a phone number: ${PHONE_FORMS}`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && parsePhoneQuery(value) !== null },
    });
}
