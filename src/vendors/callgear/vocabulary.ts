import { CallResult } from '../../domain/enums';

/**
 * CallGear's `finish_reason` values (vendors.md §2.5–2.6, CGD get_calls_report / get_call_legs_report):
 * the outcome each one means and who ended the call. "contact" is CallGear's "caller"/"subscriber" (the
 * external party), "employee" its "operator". The table is in docs/vendors/callgear.md.
 */
export type CgEnder = 'contact' | 'employee' | 'system' | 'unknown';

export interface CgReason {
  readonly result: CallResult;
  readonly endedBy: CgEnder;
}

const r = (result: CallResult, endedBy: CgEnder): CgReason => ({ result, endedBy });
const { ANSWERED, MISSED, BUSY, REJECTED, FAILED, ABANDONED } = CallResult;

export const CG_FINISH_REASONS: Readonly<Record<string, CgReason>> = {
  success_finish: r(ANSWERED, 'unknown'),
  operator_answer: r(ANSWERED, 'unknown'),
  another_operator_answer: r(ANSWERED, 'unknown'),
  caller_disconnects: r(ANSWERED, 'contact'),
  operator_disconnects: r(ANSWERED, 'employee'),
  transfer_disconnects: r(ANSWERED, 'employee'),
  scenario_disconnects: r(ANSWERED, 'system'),
  fax_session_done: r(ANSWERED, 'system'),
  caller_busy: r(BUSY, 'system'),
  caller_not_responsive: r(MISSED, 'system'),
  caller_number_problems: r(FAILED, 'system'),
  operator_busy: r(BUSY, 'system'),
  operator_not_responsive: r(MISSED, 'system'),
  operator_number_problems: r(FAILED, 'system'),
  operator_channels_busy: r(BUSY, 'system'),
  timeout: r(MISSED, 'system'),
  no_operation: r(MISSED, 'system'),
  no_success_caller_call: r(MISSED, 'system'),
  no_success_operator_call: r(MISSED, 'system'),
  disconnect_before_call_processing: r(ABANDONED, 'contact'),
  call_enqueued: r(MISSED, 'system'),
  employee_busy: r(BUSY, 'system'),
  employee_inactive: r(MISSED, 'system'),
  employees_not_exists: r(FAILED, 'system'),
  sip_offline: r(FAILED, 'system'),
  numa_in_black_list: r(REJECTED, 'system'),
  numa_in_spam_list: r(REJECTED, 'system'),
  no_active_scenario: r(FAILED, 'system'),
  no_money: r(FAILED, 'system'),
  internal_error: r(FAILED, 'system'),
  // Named in the current calls-report docs (vendors.md §2.9): "numb" is the dialled number, "numa" the caller's.
  numb_not_exists: r(FAILED, 'system'),
  employee_status_break: r(MISSED, 'system'),
  max_in_call_reached: r(BUSY, 'system'),
  numa_dnd_interval: r(REJECTED, 'system'),
  group_inactive_by_schedule: r(MISSED, 'system'),
  // Only on legs (seed 002).
  scenario_not_found: r(FAILED, 'system'),
  phone_group_inactive_by_schedule: r(MISSED, 'system'),
  employee_phone_not_found: r(FAILED, 'system'),
  employee_status_not_at_workplace: r(MISSED, 'system'),
  // The older documentation's names for today's caller_* / employees_not_exists (vendors.md §2.5).
  subscriber_disconnects: r(ANSWERED, 'contact'),
  subscriber_busy: r(BUSY, 'system'),
  subscriber_not_responsible: r(MISSED, 'system'),
  subscriber_number_problems: r(FAILED, 'system'),
  employee_not_exists: r(FAILED, 'system'),
};

/** Outcomes more specific than "nobody answered": they win over `is_lost`. */
export const CG_SPECIFIC_FAILURES: ReadonlySet<CallResult> = new Set([BUSY, REJECTED, FAILED, ABANDONED]);
