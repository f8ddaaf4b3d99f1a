import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Provider } from '../domain/provider';
import { ProviderEnum } from './provider.enum';

/**
 * Which vendor accounts: the part every filter shares (the call-session filter and the change feed's). Not an
 * argument itself: type-graphql needs the base of an input type decorated, and leaves it out of the schema while
 * nothing names it.
 */
@InputType('AccountFilter', { description: 'Which vendor accounts.' })
export abstract class AccountFilterInput {
  @Field(() => [ProviderEnum], { nullable: true, description: 'Only these vendors (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  providers?: Provider[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these configured account keys.' })
  @IsOptional()
  @ArrayMaxSize(100)
  accounts?: string[] | null;
}
