import type { Locale } from '@app/shared';

/** Messages of the base's spaces, bookings, events and sign-ups. */
export const spaceMessages = {
  // spaces and bookings
  'space.operatorsAdd': {
    'zh-CN': '只有本基地运营方可以添加场地',
    en: "Only the base's operators add its spaces",
  },
  'space.operatorsEdit': {
    'zh-CN': '只有本基地运营方可以编辑场地',
    en: "Only the base's operators edit its spaces",
  },
  'space.noBookings': { 'zh-CN': '此场地目前不接受预约', en: 'This space takes no bookings now' },
  'booking.whoBooks': {
    'zh-CN': '机构成员为本机构预约，运营方为本基地预约',
    en: 'Members of an organization book for it; operators for their base',
  },
  'booking.breaksRules': {
    'zh-CN': '预约不符合场地的规则，请检查标出的项',
    en: "The booking breaks the space's rules: {rules}",
  },
  'booking.cancellers': {
    'zh-CN': '只有预约的机构和本基地运营方可以取消',
    en: "Only the booker's organization and the base's operators cancel",
  },
  'booking.confirmedCancelled': {
    'zh-CN': '只有已确认的预约可以取消',
    en: 'Only a confirmed booking can be cancelled',
  },
  'booking.startedNoCancel': {
    'zh-CN': '已经开始的预约不能取消',
    en: 'A booking that has started cannot be cancelled',
  },
  'booking.operatorsNoShow': {
    'zh-CN': '只有本基地运营方可以记录未到场',
    en: "Only the base's operators record no-shows",
  },
  'booking.noShowAfterStart': {
    'zh-CN': '预约开始之后才能记录未到场',
    en: 'A no-show is recorded only after the start',
  },
  'booking.confirmedNoShow': {
    'zh-CN': '只有已确认的预约可以记为未到场',
    en: 'Only a confirmed booking can be marked as a no-show',
  },
  'booking.timeTaken': { 'zh-CN': '此场地的这段时间已被占用', en: 'This time is already taken in the space' },
  // events and sign-ups
  'event.cancelled': { 'zh-CN': '活动已取消', en: 'The event is cancelled' },
  'event.started': { 'zh-CN': '活动已经开始', en: 'The event has already started' },
  'event.alreadySignedUp': { 'zh-CN': '您已经报名', en: 'You are already signed up' },
  'event.operatorsAttendance': {
    'zh-CN': '只有本基地运营方可以记录出席',
    en: "Only the base's operators take attendance",
  },
  'event.attendanceAfterStart': {
    'zh-CN': '活动开始后才能记录出席',
    en: 'Attendance is taken once the event has started',
  },
  'event.invalidTimes': { 'zh-CN': '活动时间有误，请检查标出的项', en: 'Invalid event times' },
  'event.spaceOfOtherBase': { 'zh-CN': '该场地属于其他基地', en: 'The space belongs to another base' },
  'event.operatorsHold': {
    'zh-CN': '只有本基地运营方可以举办活动',
    en: "Only the base's operators hold its events",
  },
  'event.operatorsEdit': {
    'zh-CN': '只有本基地运营方可以编辑活动',
    en: "Only the base's operators edit its events",
  },
  'event.cancelledNoEdit': { 'zh-CN': '已取消的活动不能编辑', en: 'A cancelled event cannot be edited' },
  'event.capacityBelowConfirmed': {
    'zh-CN': '已有 {count} 人确认参加，名额不能少于此数',
    en: '{count} people are confirmed: the capacity cannot go below that',
  },
  'event.operatorsCancel': {
    'zh-CN': '只有本基地运营方可以取消活动',
    en: "Only the base's operators cancel its events",
  },
  'event.alreadyCancelled': { 'zh-CN': '活动已经取消', en: 'The event is already cancelled' },
  'event.staffSeeRegistrations': {
    'zh-CN': '只有本基地工作人员可以查看报名名单',
    en: "Only the base's staff see who signed up",
  },
  // the words of one field (error details)
  'field.rule.half_hour': {
    'zh-CN': '开始和结束须在整点或半点',
    en: 'start and end must fall on the hour or the half hour',
  },
  'field.rule.past': { 'zh-CN': '时间须在将来', en: 'the time must lie in the future' },
  'field.rule.opening_hours': {
    'zh-CN': '时间须在场地的一个开放时段之内',
    en: 'the time must lie within one opening window of the space',
  },
  'field.rule.advance_window': {
    'zh-CN': '日期超出了可提前预约的范围',
    en: 'the date lies beyond how far ahead you may book',
  },
  'field.rule.duration': {
    'zh-CN': '时长超出了场地允许的范围',
    en: 'the length is outside what the space allows',
  },
  'field.rule.capacity': { 'zh-CN': '人数超过了场地的容量', en: 'more attendees than the space holds' },
  'field.rule.quota': {
    'zh-CN': '将超出本机构在此场地的每周限额',
    en: "the organization's weekly quota in this space would be exceeded",
  },
  'field.calendarRange': {
    'zh-CN': '须晚于开始时间，且最多相隔 {days} 天',
    en: 'must be after from, at most {days} days later',
  },
  'field.overlap': {
    'zh-CN': '与场地中已确认的预约或活动时间重叠',
    en: 'overlaps a confirmed booking or an event in the space',
  },
  'field.eventInFuture': { 'zh-CN': '活动须在将来开始', en: 'the event must start in the future' },
  'field.eventLength': {
    'zh-CN': '须在开始之后结束，且不超过 {days} 天',
    en: 'must end after it starts, within {days} days',
  },
  'field.notSpaceOfBase': { 'zh-CN': '不是本基地的场地', en: 'not a space of this base' },
} as const satisfies Record<string, Record<Locale, string>>;
