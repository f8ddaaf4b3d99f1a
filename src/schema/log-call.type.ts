import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum LogCallOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(LogCallOutcome, {
  name: 'LogCallOutcome',
  description: 'What logCall did in the CRM.',
  valuesConfig: {
    CREATED: { description: 'A CRM activity was created for the call.' },
    UPDATED: { description: 'The call was logged before: its activity was updated (a new note, recording, duration or result).' },
    UNCHANGED: { description: 'The call was logged before and its activity already says this.' },
  },
});

@ObjectType('AppConnectReturnMessage', { description: "App Connect's returnMessage: what the connector says to show the user." })
export class ReturnMessageType {
  @Field(() => String, { description: 'The text to show.' })
  message!: string;

  @Field(() => String, { description: 'success, warning or danger.' })
  messageType!: string;

  @Field(() => Int, { nullable: true, description: 'How long to show it (ms).' })
  ttl?: number | null;
}

@ObjectType('LogCallResult', { description: 'A call logged into a CRM.' })
export class LogCallResultType {
  @Field(() => String, { description: "The CRM's id of the call's activity (App Connect's logId)." })
  logId!: string;

  @Field(() => LogCallOutcome, { description: 'Whether the activity was created, updated or already said this.' })
  outcome!: LogCallOutcome;

  @Field(() => ReturnMessageType, { nullable: true, description: "The connector's message, when it gave one." })
  returnMessage!: ReturnMessageType | null;
}

export enum CrmConnectorState {
  OK = 'OK',
  FAILING = 'FAILING',
  RATE_LIMITED = 'RATE_LIMITED',
}
registerEnumType(CrmConnectorState, {
  name: 'CrmConnectorState',
  description: "A CRM connector's state, from its last call.",
  valuesConfig: {
    OK: { description: 'Its last call succeeded (or none was made yet).' },
    FAILING: { description: 'Its last call failed: pending calls are retried with backoff.' },
    RATE_LIMITED: { description: 'The CRM refused its last call for its rate limit: pending calls wait for it.' },
  },
});

@ObjectType('CrmConnectorStatus', { description: 'A CRM connector of your tenant: how its logging is going.' })
export class CrmConnectorStatusType {
  @Field(() => String, { description: 'The name logCall takes.' })
  name!: string;

  @Field(() => CrmConnectorState, { description: 'OK, FAILING or RATE_LIMITED.' })
  state!: CrmConnectorState;

  @Field(() => Int, { description: 'Calls whose CRM activity says what it should.' })
  logged!: number;

  @Field(() => Int, { description: 'Calls with work due: not logged yet, or an update to make. None is lost: each is retried until it succeeds.' })
  pending!: number;

  @Field(() => Int, { description: 'Pending calls whose last attempt failed.' })
  failing!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When a call last succeeded (this process).' })
  lastSuccessAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When a call last failed (this process).' })
  lastFailureAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last call failed, in safe words (no token, no URL).' })
  lastError!: string | null;
}
