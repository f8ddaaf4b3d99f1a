import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { partyStatuses } from '../../src/domain/call-session';
import { CallResult, LegRole } from '../../src/domain/enums';

describe('partyStatuses', () => {
  const leg = (role: LegRole, result: CallResult) => ({ role, result }) as never;
  test('a two-leg RingOut has both statuses; a one-leg busy RingOut has only the caller status', () => {
    assert.deepEqual(partyStatuses([leg(LegRole.CALLEE, CallResult.ANSWERED), leg(LegRole.CALLER, CallResult.ANSWERED)]), {
      callerStatus: CallResult.ANSWERED,
      calleeStatus: CallResult.ANSWERED,
    });
    assert.deepEqual(partyStatuses([leg(LegRole.CALLER, CallResult.BUSY)]), { callerStatus: CallResult.BUSY, calleeStatus: null });
  });
});
