/** Instructions (指令): the bureau or a team leader instructs teams, zones, grid cells or people; receipts flow back. */
export { InstructionModel, InstructionReceiptModel } from './instruction.model';
export { sendInstruction, inbox, sent, getInstruction, markRead, acknowledge, receiptsOf } from './instructions.service';
export { createInstructionsRouter } from './instructions.routes';
export type { InstructionDto, RecipientRow, ReceiptStatus } from './instructions.presenter';
