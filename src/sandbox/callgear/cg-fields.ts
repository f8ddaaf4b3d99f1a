/**
 * The fields of each CallGear method with what they allow (vendors.md §2.5–2.7; seed 002 for the legs report):
 * F = filterable, S = sortable, D = returned when `fields` is absent.
 */
export interface FieldRule {
  readonly filter: boolean;
  readonly sort: boolean;
  readonly byDefault: boolean;
}

type Catalogue = Readonly<Record<string, FieldRule>>;

function catalogue(spec: Record<string, string>): Catalogue {
  return Object.fromEntries(
    Object.entries(spec).map(([name, flags]) => [name, { filter: flags.includes('F'), sort: flags.includes('S'), byDefault: flags.includes('D') }]),
  );
}

/** get.calls_report (vendors.md §2.5; marketing fields beyond the few the simulator fills are left out). */
export const CALLS_REPORT_FIELDS = catalogue({
  id: 'FD',
  start_time: 'SD',
  finish_time: 'D',
  finish_reason: 'FSD',
  direction: 'FSD',
  source: 'FSD',
  is_lost: 'FSD',
  communication_id: 'FD',
  communication_number: 'D',
  communication_type: 'D',
  contact_phone_number: 'D',
  contact_id: 'D',
  contact_full_name: 'D',
  virtual_phone_number: 'FSD',
  wait_duration: 'D',
  total_wait_duration: 'D',
  talk_duration: 'D',
  clean_talk_duration: 'D',
  total_duration: 'D',
  postprocess_duration: 'D',
  lost_call_processing_duration: 'D',
  call_records: 'D',
  wav_call_records: 'D',
  voice_mail_records: '',
  full_record_file_link: 'D',
  is_transfer: 'FS',
  employees: 'F',
  first_answered_employee_id: 'F',
  first_answered_employee_full_name: 'F',
  last_answered_employee_id: 'F',
  last_answered_employee_full_name: 'F',
  last_answered_employee_rating: 'F',
  first_talked_employee_id: 'F',
  first_talked_employee_full_name: 'F',
  last_talked_employee_id: 'F',
  last_talked_employee_full_name: 'F',
  operator_phone_number: 'F',
  scenario_id: 'D',
  scenario_name: 'D',
  scenario_operations: '',
  tags: 'D',
  ext_id: '',
  call_api_request_id: '',
  call_api_external_id: '',
  cpn_region_id: '',
  cpn_region_name: '',
  site_id: '',
  site_domain_name: '',
  campaign_id: '',
  campaign_name: '',
  visitor_id: '',
  utm_source: '',
  utm_medium: '',
  utm_campaign: '',
});

/** get.call_legs_report (seed 002). */
export const CALL_LEGS_REPORT_FIELDS = catalogue({
  id: 'FD',
  call_session_id: 'FSD',
  call_records: 'D',
  start_time: 'SD',
  connect_time: 'D',
  duration: 'FSD',
  total_duration: 'FSD',
  finish_reason: 'FSD',
  finish_reason_description: '',
  virtual_phone_number: 'FSD',
  calling_phone_number: 'FSD',
  called_phone_number: 'FSD',
  direction: 'FSD',
  is_transfered: 'FSD',
  is_operator: 'FSD',
  employee_id: 'FSD',
  employee_full_name: 'FS',
  employee_phone_number: 'FS',
  employee_rating: 'FSD',
  scenario_id: 'FSD',
  scenario_name: 'FS',
  is_coach: 'FSD',
  release_cause_code: 'FSD',
  release_cause_description: 'FSD',
  is_failed: 'FSD',
  is_talked: 'FS',
  contact_id: '',
  contact_full_name: '',
  contact_phone_number: '',
  action_id: 'FD',
  action_name: 'FD',
  group_id: 'FD',
  group_name: 'FD',
});

/** get.employees (vendors.md §2.7). */
export const EMPLOYEES_FIELDS = catalogue({
  id: 'FSD',
  login: 'D',
  first_name: 'D',
  last_name: 'D',
  patronymic: 'D',
  full_name: 'FSD',
  email: 'D',
  status_id: 'D',
  call_recording: 'D',
  groups: 'D',
  phone_numbers: 'D',
  extension: 'D',
  schedule_id: 'D',
  schedule_name: 'D',
  coach: 'D',
});
