/** Liaison meetings (联席会议): agenda, attendance, minutes, resolutions (决议) and their action items. */
export { MeetingModel, AgendaItemModel, MinutesModel, AttendanceModel } from './meeting.model';
export { ResolutionModel, ActionItemModel, ActionItemEventModel, ActionItemNoticeModel } from './action-item.model';
export { createMeetingsRouter } from './meetings.routes';
export { runActionItemScan, syncCarryOver } from './action-item.scan';
export { runLiaisonScan, startLiaisonScheduler } from './liaison.scheduler';
export { carryOverInto } from './carry-over.service';
